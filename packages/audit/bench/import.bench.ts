// Benchmark: `import` of an export into a new file store beside `verify` of the same file, in
// the same run, over several rounds: the one-pass import (`importToLog` into the store's
// `openLogLoader`: each line verified and written to a new log, one sync, renamed into
// place), and with AUDIT_IMPORT_BENCH_APPEND=1 also the append path (verified first, then
// appended in batches, one sync per group commit) that an import takes into a log that is
// not empty. Target: import within twice verify's time at 300k events. Run with
// `pnpm bench import` (after a build). AUDIT_IMPORT_BENCH_EVENTS changes the size,
// AUDIT_IMPORT_BENCH_ROUNDS the rounds (default 3).
import { hash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { GENESIS_HASH, canonicalEnvelopeJson } from '@assure/event-store';
import { openFileStore, openLogLoader } from '@assure/store-file';
import { importLog, importToLog, verifyExport } from '../src';
import { rescoreData } from '../../../scripts/bench-events';
import { reportRows, spreadOf } from '../../../scripts/bench-rows';

const N = Number(process.env['AUDIT_IMPORT_BENCH_EVENTS'] ?? 300_000);
const STREAMS = 5000;
const ROUNDS = Math.max(1, Number(process.env['AUDIT_IMPORT_BENCH_ROUNDS'] ?? 3));
const APPEND_PATH = process.env['AUDIT_IMPORT_BENCH_APPEND'] === '1';
/** Appends in flight on the append path (as `assure import` keeps on a file store). */
const IN_FLIGHT = Number(process.env['AUDIT_IMPORT_IN_FLIGHT'] ?? 2048);

/** An export of N risk rescores over 5000 streams, transaction time rising, as a backfill. */
async function generate(file: string): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  const header = { format: 'assure-export', version: 1, exportedAt: '2019-12-31T12:00:00.000Z' };
  await write(`${JSON.stringify({ ...header, events: N })}\n`);
  const tips = new Map<string, { revision: number; hash: string }>();
  const t0 = Date.UTC(2019, 0, 1);
  let buf = '';
  for (let i = 0; i < N; i++) {
    const stream = `risk-r${i % STREAMS}`;
    const tip = tips.get(stream);
    const at = new Date(t0 + i * 1000).toISOString();
    const hashed = {
      stream,
      revision: tip ? tip.revision + 1 : 0,
      eventId: `0b9f${String(i).padStart(8, '0')}-1c2e-4222-8333-944445555666`,
      type: 'RiskRescored',
      schemaVersion: 1,
      data: {
        ...rescoreData(
          i,
          STREAMS,
          'Reviewed by the Strategic Programme Board; settlement profile updated',
        ),
        previous: { likelihood: 3, impact: 4 },
        current: { likelihood: 1 + (i % 5), impact: 1 + ((i >> 3) % 5) },
      },
      meta: {
        actor: 'loader-bcc',
        role: 'system',
        occurredAt: at,
        recordedAt: at,
        backfill: true as const,
        commandId: `cmd-${i}`,
      },
      prevHash: tip ? tip.hash : GENESIS_HASH,
    };
    const h = hash('sha256', canonicalEnvelopeJson(hashed));
    tips.set(stream, { revision: hashed.revision, hash: h });
    buf += `${JSON.stringify({ position: String(i), ...hashed, hash: h })}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

const seconds = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Seconds each one-pass import spent in its commit (the one fdatasync, the rename). */
const commitTimes: number[] = [];

/** The one-pass import into a new file store log; returns its events. */
async function importOnePass(file: string, log: string): Promise<number> {
  const started = await openLogLoader(log)();
  if (E.isLeft(started)) throw new Error(started.left.message);
  const loader = started.right;
  if (loader._tag !== 'LogLoader') throw new Error(`${log} is not empty`);
  const r = await importToLog(file, loader)();
  if (E.isLeft(r)) {
    await loader.abort();
    throw new Error(r.left.message);
  }
  const [c, tc] = await seconds(() => loader.commit());
  if (E.isLeft(c)) throw new Error(c.left.message);
  commitTimes.push(tc);
  return r.right.events;
}

/** The append path: verified, then appended with IN_FLIGHT appends in flight; group commits. */
async function importAppending(file: string, log: string): Promise<number> {
  const opened = await openFileStore(log)();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const r = await importLog(file, store, { inFlight: IN_FLIGHT })();
  const commits = store.stats().commits;
  await store.close();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return commits;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'assure-import-bench-'));
  try {
    const file = join(dir, 'export.ndjson');
    await generate(file);
    const mb = statSync(file).size / 1e6;
    await verifyExport(file); // warm the page cache and the JIT
    const verifies: number[] = [];
    const imports: number[] = [];
    const appends: number[] = [];
    let commits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const [report, tv] = await seconds(() => verifyExport(file));
      if (!report.ok)
        throw new Error(`bench export did not verify: ${JSON.stringify(report.failures[0])}`);
      verifies.push(tv);
      const log = join(dir, `store-${round}.ndjson`);
      const [events, ti] = await seconds(() => importOnePass(file, log));
      if (events !== N) throw new Error(`imported ${events} events, expected ${N}`);
      imports.push(ti);
      rmSync(log, { force: true });
      if (APPEND_PATH) {
        const [c, ta] = await seconds(() => importAppending(file, log));
        appends.push(ta);
        commits = c;
        rmSync(log, { force: true });
      }
      console.log(
        `round ${round + 1}: verify ${tv.toFixed(2)} s; import (one pass) ${ti.toFixed(2)} s (of which the commit, one sync and the rename, ${commitTimes[round]!.toFixed(2)} s), ${(ti / tv).toFixed(2)}x` +
          (APPEND_PATH
            ? `; append path ${appends[round]!.toFixed(2)} s, ${commits} group commits`
            : ''),
      );
    }
    const tv = median(verifies);
    const ti = median(imports);
    console.log(`export: ${N} events, ${mb.toFixed(0)} MB`);
    console.log(
      `median of ${ROUNDS}: verify ${tv.toFixed(2)} s; import ${ti.toFixed(2)} s; import / verify ${(ti / tv).toFixed(2)} (target <= 2)`,
    );
    reportRows([
      {
        name: `import into a new file store, ${N} events (one pass: verify, write, one sync, rename)`,
        value: ti,
        unit: 's',
        anchor: { name: 'verify of the same export', value: tv },
        ...(spreadOf(imports) === undefined ? {} : { spread: spreadOf(imports)! }),
        note: 'median; target <= 2x verify',
      },
      ...(APPEND_PATH
        ? [
            {
              name: `import by appending (verify, then ${IN_FLIGHT} appends in flight), ${N} events`,
              value: median(appends),
              unit: 's',
              anchor: { name: 'verify of the same export', value: tv },
              ...(spreadOf(appends) === undefined ? {} : { spread: spreadOf(appends)! }),
              note: `${commits} group commits; median`,
            },
          ]
        : []),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
