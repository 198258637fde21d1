import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { createMemoryStore } from '@assure/event-store';
import { generateHistory } from '@assure/testing';
import { openFileStore, openLogReader } from '@assure/store-file';
import { renderCatalogue } from '../scripts/event-catalogue';
import { auditorsWalkthrough } from '../samples/audit';
import { fileStore } from '../samples/file-store';
import { memoryStore } from '../samples/memory-store';
import { quickstart } from '../samples/quickstart';
import { readModelsInAnApp } from '../samples/read-models';
import { rebuild } from '../samples/rebuild';
import { countEvents } from '../samples/store-errors';
import { timeTravel } from '../samples/time-travel';
import { sealExportVerify } from '../samples/readme/audit';
import { rescoreRisk } from '../samples/readme/domain';
import { handleACommand } from '../samples/readme/event-store';
import { linesOfTheLog } from '../samples/readme/event-store-line';
import { readTheModels } from '../samples/readme/projections';
import { appendAndRead } from '../samples/readme/store-file';
import { overPostgres } from '../samples/readme/store-postgres';
import { freshDatabase } from '@assure/store-postgres/testing';
import { raceTheHandler } from '../samples/readme/testing';
import { serveAndRead } from '../samples/readme/server';
import { followFeed, type Change } from '../samples/feed-consumer';
import { addKey, createServer } from '@assure/server';

const docs = path.resolve(__dirname, '..');
const root = path.resolve(docs, '..');

describe('the docs', () => {
  it('have an event catalogue that matches the codecs (regenerate: pnpm --filter @assure/docs catalogue)', () => {
    expect(readFileSync(path.join(docs, 'event-catalogue.md'), 'utf8')).toBe(renderCatalogue());
  });

  const guides = readdirSync(docs).filter((f) => f.endsWith('.md'));
  const samplesSeen = new Set<string>();
  for (const guide of guides)
    it(`${guide}: every included sample equals its compiled file`, () => {
      const text = readFileSync(path.join(docs, guide), 'utf8');
      // Prettier puts a blank line between the marker and the block; either form is accepted.
      const re = /<!-- sample: (samples\/[a-z-]+\.ts) -->\n\n?```ts\n([\s\S]*?)```/g;
      for (const m of text.matchAll(re)) {
        const file = m[1]!;
        samplesSeen.add(file);
        expect(m[2]).toBe(readFileSync(path.join(docs, file), 'utf8'));
      }
      // every marker is followed by its ts block
      expect([...text.matchAll(re)].length).toBe(text.split('<!-- sample:').length - 1);
    });

  it('include every sample somewhere', () => {
    const all = readdirSync(path.join(docs, 'samples'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `samples/${f}`);
    for (const guide of guides) {
      const text = readFileSync(path.join(docs, guide), 'utf8');
      for (const f of all) if (text.includes(`<!-- sample: ${f} -->`)) samplesSeen.add(f);
    }
    expect(all.filter((f) => !samplesSeen.has(f))).toEqual([]);
  });
});

describe('the package READMEs', () => {
  // A README's example is a file under docs/samples/readme/ that `tsc -b` compiles: the
  // README names it in a comment just before the block, and the block must equal the file.
  // (Prettier puts a blank line between the comment and the block.)
  const sample = /<!-- sample: (docs\/samples\/readme\/[a-z-]+\.ts) -->\n\n?```ts\n([\s\S]*?)```/g;
  const readmes = readdirSync(path.join(root, 'packages'))
    .map((pkg) => path.join('packages', pkg, 'README.md'))
    .filter((readme) => existsSync(path.join(root, readme)));
  const included = new Set<string>();
  for (const readme of readmes)
    it(`${readme}: has an example, and every ts block is a compiled sample equal to its file`, () => {
      const text = readFileSync(path.join(root, readme), 'utf8');
      const found = [...text.matchAll(sample)];
      expect(found.length).toBeGreaterThan(0);
      // no ts block that CI does not compile
      expect(found.length).toBe(text.split('```ts\n').length - 1);
      for (const [, file, block] of found) {
        included.add(file!);
        expect(block).toBe(readFileSync(path.join(root, file!), 'utf8'));
      }
    });

  it('include every README sample', () => {
    for (const readme of readmes)
      for (const [, file] of readFileSync(path.join(root, readme), 'utf8').matchAll(sample))
        included.add(file!);
    const all = readdirSync(path.join(docs, 'samples', 'readme')).map(
      (f) => `docs/samples/readme/${f}`,
    );
    expect(all.filter((f) => !included.has(f))).toEqual([]);
  });
});

describe('the README samples run', () => {
  it('domain: a rescore decided from its history', () => {
    const r = rescoreRisk();
    expect(E.isRight(r) && r.right.map((e) => e.type)).toEqual(['RiskRescored']);
  });

  it('event-store: a command handled, then again with the same id', async () => {
    expect(await handleACommand()).toEqual({
      log: ['0 programme-bcc@0 ProgrammeEstablished'],
      sameEvents: true,
    });
  });

  it('event-store: the lines of a log through the line codec, and its capabilities', async () => {
    expect(await linesOfTheLog()).toEqual({
      problems: ['risk-equal-pay@1 hash-mismatch', 'NotJson'],
      batches: true,
      sealsOnHead: true,
    });
  });

  it('store-file: a writer appends, a reader reads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-readme-file-'));
    try {
      expect(await appendAndRead(path.join(dir, 'events.ndjson'))).toEqual([
        '0 risk-equal-pay RiskClosed',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('store-postgres: the handler over PostgreSQL (the machine server, a fresh database)', async () => {
    const db = await freshDatabase('readme-sample');
    try {
      expect(await overPostgres(db.url)).toEqual(['0 programme-bcc@0 ProgrammeEstablished']);
    } finally {
      await db.drop();
    }
  });

  it('projections: as at a day, as known at an instant, through a snapshot', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-readme-projections-'));
    try {
      const store = createMemoryStore();
      for (const { stream, event } of generateHistory(2000)) {
        const r = await store.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
      const file = path.join(dir, 'read-models.json');
      const first = await readTheModels(store, file);
      expect(first.source).toBe('rebuilt');
      expect(first.status.asAt).toBe('2015-03-15');
      expect(first.trail.rows.length).toBeGreaterThan(0);
      expect(first.trail.rows.length).toBeLessThan(2000);
      expect((await readTheModels(store, file)).source).toBe('snapshot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audit: seal, export, verify against the witness, prove an event', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-readme-audit-'));
    try {
      const store = createMemoryStore();
      const ids: string[] = [];
      for (const { stream, event } of generateHistory(300)) {
        const r = await store.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
        ids.push(event.eventId);
      }
      const r = await sealExportVerify(store, path.join(dir, 'export.ndjson'), ids[100]!);
      expect(r.report).toMatchObject({ ok: true, witnessed: true, unsealedTail: 0 });
      expect(r.proof).toMatchObject({ kind: 'inclusion', ok: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('server: 401 without a key, the status with one, 304 for its ETag', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-readme-server-'));
    try {
      const store = createMemoryStore();
      for (const { stream, event } of generateHistory(300)) {
        const r = await store.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
      const r = await serveAndRead(store, path.join(dir, 'keys.json'));
      expect(r).toMatchObject({ anonymous: 401, again: 304, status: { asAt: '2015-03-15' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('testing: the handler race finds no problem on the memory store', async () => {
    const r = await raceTheHandler();
    expect(r.problems).toEqual([]);
    expect(r.succeeded + r.conflicted).toBe(r.commands);
  });

  it('cli: assure run in process (from the build: run `pnpm tsc -b` first)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-readme-cli-'));
    // An empty log is an empty store (a log that does not exist is refused with exit 5).
    writeFileSync(path.join(dir, 'events.ndjson'), '');
    try {
      // The CLI loads its commands lazily from its build, so the sample runs from docs/dist.
      const script = `require(${JSON.stringify(path.join(docs, 'dist', 'samples', 'readme', 'cli.js'))})
        .runAssure(['--json', '--store', 'file:events.ndjson', 'status'], ${JSON.stringify(dir)})
        .then((r) => process.stdout.write(JSON.stringify(r)))`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(child.stderr).toBe('');
      const r = JSON.parse(child.stdout) as { ok: boolean; code: number; out: string; err: string };
      expect(r).toMatchObject({ ok: true, code: 0, err: '' });
      expect(JSON.parse(r.out)).toMatchObject({ programmes: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the samples run', () => {
  it('feed-consumer: follows the feed, stops, and resumes with no gap or duplicate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-feed-consumer-'));
    const store = createMemoryStore();
    for (const { stream, event } of generateHistory(100)) {
      const r = await store.append(stream, [event], 'any')();
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    const keysFile = path.join(dir, 'keys.json');
    const key = await addKey(keysFile, { actor: 'app', role: 'board', scope: 'read' }, new Date());
    const server = await createServer({ store, keysFile, logger: false });
    if (E.isLeft(key) || E.isLeft(server)) throw new Error('setup failed');
    const url = await server.right.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const seen: Change[] = [];
      const take = (n: number) => () => seen.length >= n;
      const first = await followFeed(url, key.right.secret, null, (c) => seen.push(c), take(10));
      await followFeed(url, key.right.secret, first, (c) => seen.push(c), take(25));
      const positions: string[] = [];
      for await (const e of store.readAll({ maxCount: 25 })) positions.push(e.position);
      expect(seen.map((c) => c.position)).toEqual(positions);
    } finally {
      await server.right.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quickstart', async () => {
    const { refused, status } = await quickstart();
    expect(refused).toBe('Forbidden');
    const area = status.programmes[0]?.areas[0];
    expect(area?.id).toBe('area-finance');
    expect(area?.recommendations.overdue).toBe(1);
    expect(area?.rag).toBe('red');
  });

  it('time travel', async () => {
    expect(await timeTravel()).toEqual({ asAt15March: 1, asKnownAt15March: 0 });
  });

  it("the auditor's walkthrough", async () => {
    const r = await auditorsWalkthrough();
    expect(r).toMatchObject({
      ok: true,
      witnessed: true,
      unsealedTail: 0,
      proofHolds: true,
      proofReachesWitness: true,
    });
  });

  it('read models in an app: a snapshot on disk, a view followed live, an undecodable event', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-docs-read-models-'));
    try {
      const r = await readModelsInAnApp(dir);
      expect(r.firstLoad).toEqual({ source: 'rebuilt', caughtUp: 2 });
      expect(r.secondLoad).toEqual({ source: 'snapshot', caughtUp: 1 });
      expect(r.equalPayNow).toMatchObject({ likelihood: 4, impact: 5, score: 20 });
      expect(r.rescoresFollowed).toBe(2);
      expect(r.checkpointFollowed).toBe('3');
      expect(r.stoppedAt).toMatchObject({
        _tag: 'EventUndecodable',
        position: '4',
        stream: 'risk-equal-pay',
        type: 'RiskRescored',
        errors: [
          expect.objectContaining({ path: 'data.likelihood' }),
          expect.objectContaining({ path: 'data.current.likelihood' }),
        ],
      });
      expect(r.checkpointAfterStop).toBe('3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the file store', async () => {
    expect(await fileStore()).toEqual(['ProgrammeEstablished']);
  });

  it('an in-memory store that checks payloads, and a rebuild from it', async () => {
    const r = await memoryStore(500);
    expect(r.refused).toMatchObject({
      _tag: 'PayloadRejected',
      stream: 'risk-equal-pay',
      eventId: 'bad-1',
      errors: [expect.objectContaining({ path: 'data.riskId' })],
    });
    expect(r.logSize).toBe(500);
    expect(r.folded).toBe(500);
    expect(r.lastRow?.position).toBe('499');
  });

  it('a read that fails returns the tagged error, as an append does (one error style)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-docs-errors-'));
    try {
      const file = path.join(dir, 'events.ndjson');
      const writer = await openFileStore(file)();
      if (E.isLeft(writer)) throw new Error(writer.left.message);
      for (const { stream, event } of generateHistory(20)) {
        const r = await writer.right.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
      await writer.right.close();
      expect(await countEvents(openLogReader(file))).toEqual(E.right(20));
      // An edit behind the store's back: line 11's event id changed, its hash no longer fits.
      const lines = readFileSync(file, 'utf8').split('\n');
      lines[10] = (lines[10] ?? '').replace(/"eventId":"([^"]*)"/, '"eventId":"$1-edited"');
      writeFileSync(file, lines.join('\n'));
      const r = await countEvents(openLogReader(file));
      expect(E.isLeft(r) && r.left._tag).toBe('Tampered');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rebuild from a file, and a batched pass over it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-docs-rebuild-'));
    try {
      const file = path.join(dir, 'events.ndjson');
      const writer = await openFileStore(file)();
      if (E.isLeft(writer)) throw new Error(writer.left.message);
      const expected = new Map<string, number>();
      for (const { stream, event } of generateHistory(3000)) {
        const r = await writer.right.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
        expected.set(event.type, (expected.get(event.type) ?? 0) + 1);
      }
      await writer.right.close();
      const r = await rebuild(file, '2030-01-01');
      expect(r.byType).toEqual(expected);
      expect(r.folded).toBe(3000);
      expect(r.trailRows).toBe(3000);
      expect(r.status.programmes.map((p) => p.id)).toEqual(['bcc-improvement']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI reference', () => {
  it('names every domain command', async () => {
    const { COMMAND_PLACES } = await import('@assure/cli');
    const text = readFileSync(path.join(docs, 'cli.md'), 'utf8');
    const missing = Object.values(COMMAND_PLACES)
      .map((p) => `assure ${p.noun} ${p.verb}`)
      .filter((c) => !text.includes(c));
    expect(missing).toEqual([]);
  });
});
