import {
  appendFileSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  computeEventHash,
  StoreFailure,
  type Envelope,
  type StoreError,
} from '@assure/event-store';
import { appendOk, collect } from '@assure/testing';
import { openLogReader, verifiedPrefixPath } from '@assure/store-file';
import {
  brief,
  forgeRecord,
  eventsOnOpen,
  open,
  openFails,
  recordingLogger,
  rescored,
  useTempDir,
} from './helpers';

type Line = Record<string, unknown> & { position: string; hash: string; prevHash: string };

/** Lays lines out again, each positioned at its byte offset (positions are not hashed). */
function relayout(lines: readonly Line[]): string {
  let offset = 0;
  let text = '';
  for (const l of lines) {
    const line = `${JSON.stringify({ ...l, position: String(offset) })}\n`;
    offset += Buffer.byteLength(line);
    text += line;
  }
  return text;
}

/** Lays raw lines out again, rewriting only each one's leading position to its byte offset. */
function relayoutRaw(lines: readonly string[]): string {
  let offset = 0;
  let text = '';
  for (const l of lines) {
    const line = `${l.replace(/^\{"position":"\d+"/, `{"position":"${offset}"`)}\n`;
    offset += Buffer.byteLength(line);
    text += line;
  }
  return text;
}

function parseLines(path: string): Line[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** The byte offset of line `i` in a relaid-out text. */
function offsetOfLine(text: string, i: number): string {
  return String(
    text
      .split('\n')
      .slice(0, i)
      .reduce((n, l) => n + Buffer.byteLength(l) + 1, 0),
  );
}

/** The error of a read of the whole log at `path` through `openLogReader` (which must fail). */
async function logReaderFailure(
  path: string,
  options: Parameters<typeof openLogReader>[1],
): Promise<StoreError> {
  try {
    await collect(openLogReader(path, options).readAll());
  } catch (e) {
    if (e instanceof StoreFailure) return e.error;
    throw e;
  }
  throw new Error('expected the read to fail');
}

/** A sound log of five events over two streams, written by the store itself. */
async function writeGoodLog(path: string): Promise<void> {
  const store = await open(path);
  await appendOk(store, 'risk-equal-pay', [rescored(5), rescored(4)], 'no-stream');
  await appendOk(store, 'risk-commonwealth-games', [rescored(3)], 'no-stream');
  await appendOk(store, 'risk-equal-pay', [rescored(3), rescored(2)], { revision: 1 });
  await store.close();
}

describe('file store: integrity on open', () => {
  const tmp = useTempDir();
  let path: string;
  let good: Line[];
  let goodText: string;

  beforeEach(async () => {
    path = tmp.log;
    await writeGoodLog(path);
    goodText = readFileSync(path, 'utf8');
    good = parseLines(path);
  });

  /**
   * Opens as writer and as reader, and reads the whole log with `openLogReader` (one pass):
   * all must refuse with the same error, naming the position; the file stays as it was.
   */
  async function expectRefused(text: string): Promise<StoreError> {
    writeFileSync(path, text);
    const asWriter = await openFails(path);
    const asReader = await openFails(path, { readOnly: true });
    expect(asReader).toEqual(asWriter);
    expect(await logReaderFailure(path, { verifiedPrefix: false })).toEqual(asWriter);
    expect(readFileSync(path, 'utf8')).toBe(text);
    return asWriter;
  }

  /**
   * A chain broken in lines whose verified-prefix record was forged to match them: their
   * content hashes are not recomputed, yet a read from the start still follows the chains
   * and refuses, as the open with `verifiedPrefix` does; a read that does not follow them
   * (`chains: false`, or from a later position) hands the lines out.
   */
  async function expectChainRefusedDespiteRecord(error: StoreError): Promise<void> {
    forgeRecord(path);
    expect(await openFails(path, { readOnly: true, verifiedPrefix: true })).toEqual(error);
    expect(await logReaderFailure(path, {})).toEqual(error);
    expect(await collect(openLogReader(path, { chains: false }).readAll())).toHaveLength(
      parseLines(path).length,
    );
    const second = parseLines(path)[1] as Line;
    expect(
      (await collect(openLogReader(path).readAll({ from: BigInt(second.position) }))).length,
    ).toBe(parseLines(path).length - 1);
    rmSync(verifiedPrefixPath(path), { force: true });
  }

  it('opens an intact log', async () => {
    expect(await eventsOnOpen(path)).toHaveLength(5);
  });

  it('reports a hand-edited line (hash mismatch) with its position', async () => {
    const edited = good.map((l, i) =>
      i === 3 ? { ...l, data: { ...(l.data as object), likelihood: 1 } } : l,
    );
    const text = relayout(edited);
    const error = await expectRefused(text);
    expect(error).toEqual(
      expect.objectContaining({
        _tag: 'Tampered',
        position: offsetOfLine(text, 3),
        stream: 'risk-equal-pay',
        revision: 2,
      }),
    );
    expect(error.message).toMatch(/hash-mismatch/);
  });

  it('reports a changed hash', async () => {
    const text = relayout(good.map((l, i) => (i === 1 ? { ...l, hash: 'f'.repeat(64) } : l)));
    const error = await expectRefused(text);
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'Tampered', position: offsetOfLine(text, 1) }),
    );
    expect(error.message).toMatch(/hash-mismatch/);
  });

  it('reports a gap in revisions', async () => {
    const text = relayout(good.filter((_, i) => i !== 1));
    const error = await expectRefused(text);
    // Line 2 of the new text is equal-pay@2, whose predecessor @1 was removed.
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'Tampered', position: offsetOfLine(text, 2), revision: 2 }),
    );
    expect(error.message).toMatch(/revision-gap: expected revision 1, found 2/);
    await expectChainRefusedDespiteRecord(error);
  });

  it('reports a broken chain even when the edited event was re-hashed', async () => {
    const edited = good.map((l, i) => {
      if (i !== 4) return l;
      const forged = { ...l, prevHash: 'a'.repeat(64) };
      return { ...forged, hash: computeEventHash(forged as unknown as Envelope) };
    });
    const text = relayout(edited);
    const error = await expectRefused(text);
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'Tampered', position: offsetOfLine(text, 4) }),
    );
    expect(error.message).toMatch(/chain-broken/);
    await expectChainRefusedDespiteRecord(error);
  });

  it('reports a line that fails its codec, naming the field', async () => {
    const text = relayout(good.map((l, i) => (i === 2 ? { ...l, revision: -1 } : l)));
    const error = await expectRefused(text);
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'StoreCorrupt', position: offsetOfLine(text, 2) }),
    );
    expect(error.message).toMatch(/revision/);
  });

  it('reports an extra field as a codec failure', async () => {
    const text = relayout(good.map((l, i) => (i === 0 ? { ...l, note: 'edited by hand' } : l)));
    const error = await expectRefused(text);
    expect(error).toEqual(expect.objectContaining({ _tag: 'StoreCorrupt', position: '0' }));
    expect(error.message).toMatch(/note/);
  });

  it('reports a line that is not JSON, and a blank line, anywhere but a torn tail', async () => {
    const lines = goodText.split('\n');
    const garbled = [...lines.slice(0, 2), '{"position": "oops', ...lines.slice(2)].join('\n');
    const error = await expectRefused(garbled);
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'StoreCorrupt', position: offsetOfLine(garbled, 2) }),
    );
    expect(error.message).toMatch(/not valid JSON/);

    const blank = `${goodText}\n`;
    const blankError = await expectRefused(blank);
    expect(blankError).toEqual(
      expect.objectContaining({
        _tag: 'StoreCorrupt',
        position: String(Buffer.byteLength(goodText)),
      }),
    );
  });

  it('reports a position that is not the byte offset of its line', async () => {
    const lines = goodText.split('\n');
    const moved = lines.map((l, i) =>
      i === 2 ? l.replace(/^\{"position":"\d+"/, '{"position":"7"') : l,
    );
    // Keep the line's length so the other lines stay in place.
    const text = moved
      .map((l, i) => (i === 2 ? l.padEnd((lines[2] ?? '').length, ' ') : l))
      .join('\n');
    const error = await expectRefused(text);
    expect(error).toEqual(
      expect.objectContaining({ _tag: 'Tampered', position: offsetOfLine(text, 2) }),
    );
    expect(error.message).toMatch(/position-mismatch/);
  });
});

describe("file store: a reader's links-only check", () => {
  const tmp = useTempDir();
  let path: string;
  let good: Line[];

  beforeEach(async () => {
    path = tmp.log;
    await writeGoodLog(path);
    good = parseLines(path);
  });

  it.each([' ', '', '0x0', '00', '-0', '0.0'])(
    'a log reader trusting a forged record refuses the first line declaring position %j for 0',
    async (position) => {
      // The later lines laid out again at their new offsets; the first keeps its bad position.
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      const [first, ...rest] = relayoutRaw(lines).trimEnd().split('\n');
      const bad = (first as string).replace('{"position":"0"', `{"position":"${position}"`);
      writeFileSync(path, relayoutRaw([bad, ...rest]).replace(first as string, bad));
      forgeRecord(path);
      expect(['Tampered', 'StoreCorrupt']).toContain((await logReaderFailure(path, {}))._tag);
    },
  );

  it('indexes an intact log the same as the full check', async () => {
    const full = await open(path, { readOnly: true });
    const links = await open(path, { readOnly: true, check: 'links' });
    expect((await collect(links.readAll())).map(brief)).toEqual(
      (await collect(full.readAll())).map(brief),
    );
    expect((await collect(links.readStream('risk-equal-pay'))).map(brief)).toEqual(
      (await collect(full.readStream('risk-equal-pay'))).map(brief),
    );
    expect(links.stats()).toEqual(full.stats());
    await links.close();
    await full.close();
  });

  it('refuses gaps, broken links and moved positions, as the full check does', async () => {
    const cases = [
      relayout(good.filter((_, i) => i !== 1)),
      relayout(good.map((l, i) => (i === 4 ? { ...l, prevHash: 'a'.repeat(64) } : l))),
      relayout([good[0], good[3], good[2], good[1], good[4]] as Line[]),
    ];
    for (const text of cases) {
      writeFileSync(path, text);
      const full = await openFails(path, { readOnly: true });
      const links = await openFails(path, { readOnly: true, check: 'links' });
      expect(links._tag).toBe('Tampered');
      expect(full._tag).toBe('Tampered');
      if (links._tag === 'Tampered' && full._tag === 'Tampered')
        expect(links.position).toBe(full.position);
    }
  });

  it('falls back to the full check for a line not laid out as the store writes it', async () => {
    const lines = relayout(good).trimEnd().split('\n');
    const respaced = (l: string) => l.replace('","stream":"', '", "stream":"');
    // Still valid and intact, only laid out differently: the full check accepts it.
    writeFileSync(path, relayoutRaw(lines.map((l, i) => (i === 2 ? respaced(l) : l))));
    expect(await eventsOnOpen(path, { readOnly: true, check: 'links' })).toHaveLength(5);
    // Laid out differently and edited: the full check of that line finds it.
    const edited = (l: string) => respaced(l).replace('"likelihood":', '"likelihood":1');
    writeFileSync(path, relayoutRaw(lines.map((l, i) => (i === 2 ? edited(l) : l))));
    const error = await openFails(path, { readOnly: true, check: 'links' });
    expect(error._tag).toBe('Tampered');
    expect(error).toEqual(await openFails(path, { readOnly: true }));
  });

  it('property: a character of any line’s position, revision or prevHash changed, it refuses the log (a links-only open; a log reader trusting a forged record)', async () => {
    const text = relayout(good);
    const lines = text.trimEnd().split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom('position', 'revision', 'prevHash'),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (linePick, field, charPick, code) => {
          const i = linePick % lines.length;
          const line = lines[i] as string;
          // The field's value: between its key and the next `"` or `,`.
          const key = field === 'revision' ? `"${field}":` : `"${field}":"`;
          const from = line.indexOf(key) + key.length;
          const to = line.slice(from).search(/[",]/) + from;
          const at = from + (charPick % (to - from));
          const char = String.fromCharCode(code);
          fc.pre(char !== line[at]);
          const edited = `${line.slice(0, at)}${char}${line.slice(at + 1)}`;
          writeFileSync(path, `${lines.map((l, k) => (k === i ? edited : l)).join('\n')}\n`);
          const links = await openFails(path, { readOnly: true, check: 'links' });
          expect(['Tampered', 'StoreCorrupt']).toContain(links._tag);
          // A one-pass read trusting a record forged over the edit refuses it too.
          forgeRecord(path);
          expect(['Tampered', 'StoreCorrupt']).toContain((await logReaderFailure(path, {}))._tag);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves content edits to reads and verify (the price of the speed)', async () => {
    const text = relayout(good.map((l, i) => (i === 3 ? { ...l, data: { edited: true } } : l)));
    writeFileSync(path, text);
    expect((await openFails(path, { readOnly: true }))._tag).toBe('Tampered');
    expect(await eventsOnOpen(path, { readOnly: true, check: 'links' })).toHaveLength(5);
    // A writer always checks in full.
    expect((await openFails(path, { check: 'links' }))._tag).toBe('Tampered');
  });
});

describe('file store: torn tails', () => {
  const tmp = useTempDir();

  async function buildLog(path: string, n: number): Promise<Envelope[]> {
    const store = await open(path);
    const all: Envelope[] = [];
    for (let i = 0; i < n; i++) {
      const r = await appendOk(
        store,
        `risk-r${i % 3}`,
        [rescored(i % 5, { note: 'é'.repeat(i % 7) })],
        'any',
      );
      all.push(...r.events);
    }
    await store.close();
    return all;
  }

  it('cuts a torn last line on open by the writer, with a warning, and appends after it', async () => {
    const path = tmp.log;
    const events = await buildLog(path, 4);
    const size = statSync(path).size;
    appendFileSync(path, '{"position":"999","stream":"risk-r');
    const logger = recordingLogger();
    const store = await open(path, { logger });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(new RegExp(`torn last line.*after byte offset ${size}`));
    expect(statSync(path).size).toBe(size);
    expect((await collect(store.readAll())).map(brief)).toEqual(events.map(brief));
    const next = await appendOk(store, 'risk-r1', [rescored(1)], 'any');
    expect(next.position).toBe(String(size));
    await store.close();
    expect(await eventsOnOpen(path)).toHaveLength(5);
  });

  it('lets a reader ignore an incomplete last line without cutting it, and read it once complete', async () => {
    const path = tmp.log;
    await buildLog(path, 3);
    const full = readFileSync(path);
    const cut = full.length - 20;
    writeFileSync(path, full.subarray(0, cut));
    const logger = recordingLogger();
    const reader = await open(path, { readOnly: true, logger });
    expect(await collect(reader.readAll())).toHaveLength(2);
    expect(logger.warnings).toEqual([]);
    expect(statSync(path).size).toBe(cut);
    appendFileSync(path, full.subarray(cut));
    expect(await collect(reader.readAll())).toHaveLength(3);
    await reader.close();
  });

  it('reopens a log truncated at any byte offset to its last whole event', async () => {
    const source = join(tmp.dir, 'source.ndjson');
    const events = await buildLog(source, 12);
    const bytes = readFileSync(source);
    const ends = events.map((_, i) =>
      i + 1 < events.length ? Number(events[i + 1]?.position) : bytes.length,
    );
    const path = tmp.log;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), async (at) => {
        writeFileSync(path, bytes.subarray(0, at));
        const logger = recordingLogger();
        const store = await open(path, { logger });
        const whole = ends.filter((end) => end <= at).length;
        const kept = await collect(store.readAll());
        expect(kept.map(brief)).toEqual(events.slice(0, whole).map(brief));
        const boundary = whole === 0 ? 0 : (ends[whole - 1] as number);
        expect(logger.warnings).toHaveLength(at === boundary ? 0 : 1);
        await store.close();
        expect(statSync(path).size).toBe(boundary);
        truncateSync(path, 0);
      }),
      { numRuns: 60 },
    );
  });
});
