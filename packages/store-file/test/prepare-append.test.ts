import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  computeEventHash,
  decodeEnvelope,
  describeEnvelopeErrors,
  draftEnvelope,
  GENESIS_HASH,
  hashProblem,
  jsonProblem,
  serializeEnvelope,
  type ChainHead,
  type Envelope,
  type ProposedEvent,
} from '@assure/event-store';
import { decodeLine, prepareAppend } from '../src/line-codec';

const RECORDED_AT = '2019-03-12T09:30:00.000Z';

/**
 * What every append wrote before plain JSON was copied instead of read back: each draft
 * (the store's one `draftEnvelope`) refused if JSON would change its data or meta
 * (`jsonProblem`), else written to JSON, parsed, decoded with the Envelope codec, hashed as
 * decoded and written in the envelope's field order. The reference the store's appends must
 * equal.
 */
function readBackReference(
  stream: string,
  proposed: readonly ProposedEvent[],
  head: ChainHead | undefined,
  offset: number,
): E.Either<string, { envelopes: Envelope[]; ends: number[]; text: string }> {
  const first = head === undefined ? 0 : head.revision + 1;
  const envelopes: Envelope[] = [];
  const ends: number[] = [];
  let text = '';
  for (const [i, p] of proposed.entries()) {
    const draft = draftEnvelope(
      p,
      {
        position: String(offset + Buffer.byteLength(text, 'utf8')),
        stream,
        revision: first + i,
        prevHash: envelopes.at(-1)?.hash ?? head?.hash ?? GENESIS_HASH,
      },
      RECORDED_AT,
    );
    // What JSON would change without a word (a Date, NaN, undefined, a class instance, a
    // toJSON, a hole) is refused, naming it, before anything is written.
    const notJson = jsonProblem(draft.data, 'data', 0) ?? jsonProblem(draft.meta, 'meta', 0);
    if (notJson !== undefined)
      return E.left(`store unavailable: cannot store event ${i} of ${stream}: ${notJson}`);
    let decoded: ReturnType<typeof decodeEnvelope>;
    try {
      decoded = decodeEnvelope(JSON.parse(JSON.stringify(draft)));
    } catch (e) {
      return E.left(
        `store unavailable: cannot store event ${i} of ${stream}: ${(e as Error).message}`,
      );
    }
    if (E.isLeft(decoded))
      return E.left(
        `store unavailable: cannot store event ${i} of ${stream}: ${describeEnvelopeErrors(decoded.left)}`,
      );
    const envelope: Envelope = { ...decoded.right, hash: computeEventHash(decoded.right) };
    text += `${serializeEnvelope(envelope)}\n`;
    envelopes.push(envelope);
    ends.push(offset + Buffer.byteLength(text, 'utf8'));
  }
  return E.right({ envelopes, ends, text });
}

class Money {
  constructor(readonly pence: number) {}
}

// JSON values, and now and then something that is not plain JSON (JSON.stringify changes
// or drops it): the store must refuse the latter, as the reference does, or take the values
// JSON keeps (-0 written as 0, an own `__proto__` key) as JSON writes them.
const notPlain = fc.constantFrom<unknown>(
  new Date(0),
  undefined,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  new Money(5),
  { toJSON: () => 'replaced' },
  // An array with a hole.
  Object.assign(new Array<unknown>(3), { 0: 1, 2: 3 }),
  JSON.parse('{"__proto__":{"a":1}}'),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 20 },
    { arbitrary: notPlain, weight: 1 },
    { arbitrary: fc.array(tie('v'), { maxLength: 3 }), weight: 3 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 }), weight: 3 },
  ),
})).v;

/** Mostly `valid`, now and then one of `invalid` (a field the Envelope codec refuses). */
const mostly = <T>(valid: fc.Arbitrary<T>, ...invalid: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });

const instant = fc
  .date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2030-01-01T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

const proposedEvent = fc.record({
  eventId: mostly(fc.string({ minLength: 1, maxLength: 12 }), ''),
  type: mostly(fc.constantFrom('RiskRescored', 'RiskRaised', 'Tür "x"\n'), ''),
  schemaVersion: mostly(fc.constantFrom(1, 2), 0, 1.5),
  data: fc.oneof(
    { weight: 20, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: value },
  ),
  meta: fc.oneof(
    {
      weight: 30,
      arbitrary: fc.record(
        {
          actor: mostly(fc.constantFrom('officer-cfo', 'clerk é'), ''),
          role: fc.constant('officer'),
          occurredAt: mostly(instant, 'yesterday'),
          recordedAt: instant,
          commandId: fc.string({ minLength: 1, maxLength: 8 }),
          credentialId: fc.constant('key-1'),
        },
        { requiredKeys: ['actor', 'role', 'occurredAt'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, unknown>>(
        { actor: 'a', role: 'r', occurredAt: RECORDED_AT, extra: 'not a meta field' },
        { actor: 'a', role: 'r', occurredAt: new Date(0) },
        { actor: 'a', role: 'r', occurredAt: RECORDED_AT, recordedAt: undefined },
      ),
    },
  ),
}) as fc.Arbitrary<ProposedEvent>;

describe('prepareAppend', () => {
  it('property: writes exactly the lines, envelopes and errors of writing each event and reading it back', () => {
    fc.assert(
      fc.property(
        fc.array(proposedEvent, { minLength: 1, maxLength: 4 }),
        fc.option(fc.record({ revision: fc.nat(50), hash: fc.constant('ab'.repeat(32)) }), {
          nil: undefined,
        }),
        fc.nat(1_000_000),
        (events, head, offset) => {
          const got = prepareAppend('risk-r1', events, head, offset, RECORDED_AT);
          const want = readBackReference('risk-r1', events, head, offset);
          if (E.isLeft(want)) {
            expect(E.isLeft(got) ? got.left.message : 'an append').toBe(want.left);
            return;
          }
          if (E.isLeft(got)) throw new Error(`refused: ${got.left.message}`);
          const { envelopes, ends, text, bytes } = got.right;
          expect(text).toBe(want.right.text);
          expect(envelopes).toEqual(want.right.envelopes);
          expect(ends).toEqual(want.right.ends);
          expect(bytes).toBe(Buffer.byteLength(text, 'utf8'));
          // Each line reads back as the very envelope kept, with a hash that verifies; the
          // envelope shares no object with what the caller proposed.
          let start = offset;
          text
            .split('\n')
            .slice(0, -1)
            .forEach((line, i) => {
              const e = envelopes[i] as Envelope;
              const read = decodeLine({ offset: start, text: line, next: ends[i] as number });
              expect(read).toEqual(E.right(e));
              expect(JSON.stringify(e)).toBe(line);
              expect(hashProblem(e)).toBeUndefined();
              expect(e.data).not.toBe(events[i]?.data);
              expect(e.meta).not.toBe(events[i]?.meta);
              start = ends[i] as number;
            });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
