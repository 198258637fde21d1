// Benchmark: `import` of an export into an empty file store (verified first, then appended
// in batches, one sync per group commit) beside `verify` of the same file, in the same run.
// Target: import within twice verify's time at 300k events. Run with `pnpm bench import`
// (after a build). Set AUDIT_IMPORT_BENCH_EVENTS to change the size.
import { hash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { GENESIS_HASH, canonicalEnvelopeJson } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { importLog, verifyExport } from '../src';
import { reportRows } from '../../../scripts/bench-rows';

const N = Number(process.env['AUDIT_IMPORT_BENCH_EVENTS'] ?? 300_000);
const STREAMS = 5000;
/** Appends in flight (AUDIT_IMPORT_IN_FLIGHT=1: one at a time, as before bulk import). */
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
        riskId: `r${i % STREAMS}`,
        likelihood: 1 + (i % 5),
        impact: 1 + ((i >> 3) % 5),
        rationale: 'Reviewed by the Strategic Programme Board; settlement profile updated',
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'assure-import-bench-'));
  try {
    const file = join(dir, 'export.ndjson');
    await generate(file);
    const mb = statSync(file).size / 1e6;
    await verifyExport(file); // warm the page cache and the JIT
    const [report, tv] = await seconds(() => verifyExport(file));
    if (!report.ok)
      throw new Error(`bench export did not verify: ${JSON.stringify(report.failures[0])}`);
    const opened = await openFileStore(join(dir, 'store.ndjson'))();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const store = opened.right;
    const [r, ti] = await seconds(() => importLog(file, store, { inFlight: IN_FLIGHT })());
    const commits = store.stats().commits;
    await store.close();
    if (E.isLeft(r)) throw new Error(r.left.message);
    console.log(`export: ${N} events, ${mb.toFixed(0)} MB`);
    console.log(
      `verify ${tv.toFixed(2)} s; import (verify, then write) ${ti.toFixed(2)} s, ${commits} group commits; import / verify ${(ti / tv).toFixed(2)} (target <= 2)`,
    );
    reportRows([
      {
        name: `import into a file store, ${N} events, ${IN_FLIGHT} in flight`,
        value: ti,
        unit: 's',
        anchor: { name: 'verify of the same export', value: tv },
        note: `${commits} group commits; target <= 2x verify`,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
