import fc from 'fast-check';
import { isHex64 } from '../src/line-links';
import { LogIndex } from '../src/log-index';

/** The plain model of the index: a map of streams to their events' log indexes and hashes. */
interface Model {
  readonly offsets: number[];
  readonly streams: Map<string, { events: number[]; hash: string }>;
  end: number;
}

const hex64 = fc
  .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 64, maxLength: 64 })
  .map((cs) => cs.join(''));
/** Names as the codec allows them, few enough to repeat, and some that only differ late. */
const name = fc.oneof(
  fc.constantFrom('a', 'b', 'risk-equal-pay', 'risk-equal-paz', 'action-act-1', 'action-act-10'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
);
const step = fc.record({
  stream: name,
  hash: hex64,
  length: fc.integer({ min: 1, max: 900 }),
  /** Added as a string (an append) or from a line's bytes (an open). */
  via: fc.constantFrom('string', 'words'),
});

describe('LogIndex: its typed-array stream table', () => {
  it('property: answers as a plain map of streams does, however its streams were added', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 1500 }), fc.nat(40), (steps, from) => {
        const index = new LogIndex();
        const model: Model = { offsets: [], streams: new Map(), end: 0 };
        for (const s of steps) {
          const lineEnd = model.end + s.length;
          if (s.via !== 'string') {
            // The stream's name and hash inside a line's bytes, at an odd offset.
            const line = Buffer.from(`x${s.stream}"${s.hash}`, 'latin1');
            const view = new DataView(line.buffer, line.byteOffset, line.byteLength);
            const hashAt = 2 + s.stream.length;
            const id = index.streamAt(line, 1, 1 + s.stream.length);
            const linked = (model.streams.get(s.stream)?.hash ?? '0'.repeat(64)) === s.hash;
            expect(index.isLastHashAt(id, view, hashAt)).toBe(linked);
            index.addAt(id, line, 1, hashAt - 1, view, hashAt, lineEnd);
          } else {
            index.add(s.stream, s.hash, lineEnd);
          }
          const known = model.streams.get(s.stream) ?? { events: [], hash: '' };
          known.events.push(model.offsets.length);
          known.hash = s.hash;
          model.streams.set(s.stream, known);
          model.offsets.push(model.end);
          model.end = lineEnd;
        }
        expect(index.count).toBe(model.offsets.length);
        expect(index.end).toBe(model.end);
        expect(index.streamCount).toBe(model.streams.size);
        for (const [stream, { events, hash }] of model.streams) {
          const id = index.streamHead(stream);
          expect(index.countOf(id)).toBe(events.length);
          expect(index.isLastHashText(id, hash)).toBe(true);
          expect(index.chainHeadOf(id)).toEqual({ revision: events.length - 1, hash });
          expect(index.head(stream)).toEqual({
            revision: events.length - 1,
            hash,
            position: String(model.offsets[events[events.length - 1] as number]),
          });
          // Runs of adjacent lines from a revision: the events' own offsets, in order.
          const { spans, count } = index.streamSpans(stream, from, Number.POSITIVE_INFINITY);
          const wanted = events.slice(from);
          expect(count).toBe(wanted.length);
          const covered = spans.flatMap(({ start, end }) =>
            model.offsets.flatMap((o, i) => (o >= start && o < end ? [i] : [])),
          );
          expect(covered).toEqual(wanted);
        }
        expect(index.streamHead('Not-a-stream')).toBe(-1);
        expect(index.countOf(-1)).toBe(0);
        expect(index.head('Ünicode')).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

describe('the link check: its hex test, four bytes at a time', () => {
  it('property: says what the pattern /^[0-9a-f]{64}$/ says, for any byte anywhere', () => {
    const hexish = fc.constantFrom(...'0123456789abcdef'.split('').map((c) => c.charCodeAt(0)));
    fc.assert(
      fc.property(
        fc.array(hexish, { minLength: 64, maxLength: 64 }),
        fc.nat(63),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(7),
        (digits, at, byte, lead) => {
          const bytes = new Uint8Array(lead + 64 + 3);
          bytes.set(digits, lead);
          bytes[lead + at] = byte;
          const view = new DataView(bytes.buffer);
          const text = Buffer.from(bytes.subarray(lead, lead + 64)).toString('latin1');
          expect(isHex64(view, lead)).toBe(/^[0-9a-f]{64}$/.test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
