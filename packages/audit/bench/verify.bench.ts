// Benchmark: verify throughput for 1M events beside a bare JSON.parse + SHA-256 of each line,
// in the same run; then seal and proof times on an in-memory store. The throughput and the
// peak-RSS figures are measured in AUDIT_BENCH_ROUNDS rounds (default 3): each throughput row
// is the round with the median ratio to its own bare pass, with the spread of the ratios; the
// peak RSS is the median of as many fresh processes, with the spread of the peaks.
// Run with `pnpm bench audit` (after a build). Set AUDIT_BENCH_EVENTS to change the size.
import { execFileSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  GENESIS_HASH,
  canonicalEnvelopeJson,
  createMemoryStore,
  type ProposedEvent,
} from '@assure/event-store';
import {
  checkProof,
  proveConsistency,
  proveEvent,
  seal,
  MerkleFrontier,
  eventLeafHash,
  ndjsonBatches,
  verifyExport,
} from '../src';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';

const N = Number(process.env['AUDIT_BENCH_EVENTS'] ?? 1_000_000);
const SEAL_EVERY = 10_000;
/** Rounds of each measurement (the bare parse and every verify, then the peak-RSS children). */
const ROUNDS = Number(process.env['AUDIT_BENCH_ROUNDS'] ?? 3);
/** The figures for the current table (scripts/bench.js). */
const benchRows: BenchRow[] = [];

const risk = (i: number) => ({
  riskId: `risk-${i % 5000}`,
  likelihood: 1 + (i % 5),
  impact: 1 + ((i >> 3) % 5),
  rationale:
    'Equal pay claims reviewed by the Strategic Programme Board; settlement profile updated',
  previous: { likelihood: 3, impact: 4 },
  current: { likelihood: 1 + (i % 5), impact: 1 + ((i >> 3) % 5) },
});

async function generate(file: string): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    JSON.stringify({
      format: 'assure-export',
      version: 1,
      exportedAt: '2019-07-30T12:00:00.000Z',
      events: N,
    }) + '\n',
  );
  const tips = new Map<string, { revision: number; hash: string }>();
  const frontier = new MerkleFrontier();
  let buf = '';
  for (let i = 0; i < N; i++) {
    const sealing = i > 0 && i % SEAL_EVERY === 0;
    const stream = sealing ? 'ledger-seals' : `risk-${i % 5000}`;
    const tip = tips.get(stream);
    const day = `2019-0${1 + (i % 9)}-1${i % 10}`;
    const hashed = {
      stream,
      revision: tip ? tip.revision + 1 : 0,
      eventId: `0b9f${String(i).padStart(8, '0')}-1c2e-4222-8333-944445555666`,
      type: sealing ? 'LedgerSealed' : 'RiskRescored',
      schemaVersion: 1,
      data: sealing
        ? {
            treeSize: i,
            root: frontier.root().toString('hex'),
            lastPosition: String(1000 + (i - 1) * 3),
          }
        : risk(i),
      meta: {
        actor: sealing ? 'auditor-gt' : 'officer-cfo',
        role: sealing ? 'auditor' : 'officer',
        occurredAt: `${day}T00:00:00.000Z`,
        recordedAt: `${day}T10:15:02.311Z`,
        commandId: `cmd-${i}`,
        correlationId: `cor-${i}`,
      },
      prevHash: tip ? tip.hash : GENESIS_HASH,
    };
    const h = hash('sha256', canonicalEnvelopeJson(hashed));
    const e = { position: String(1000 + i * 3), ...hashed, hash: h };
    tips.set(stream, { revision: hashed.revision, hash: h });
    frontier.push(eventLeafHash(h));
    buf += JSON.stringify(e) + '\n';
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

async function bare(file: string): Promise<number> {
  let n = 0;
  let sink = 0;
  for await (const batch of ndjsonBatches(file)) {
    for (const l of batch) {
      const v = JSON.parse(l.text) as { revision?: number };
      sink += hash('sha256', l.text).length + (v.revision ?? 0);
      n++;
    }
  }
  if (sink < 0) console.log(sink);
  return n;
}

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
};

/** Wall-clock and CPU seconds of this process (CPU time is what other load disturbs least). */
const timeCpu = async <T>(f: () => Promise<T>): Promise<[T, number, number]> => {
  const c0 = process.cpuUsage();
  const [r, wall] = await time(f);
  const c = process.cpuUsage(c0);
  return [r, wall, (c.user + c.system) / 1e6];
};

/** One round of the throughput figures: [wall, CPU] seconds of the bare pass and of each verify. */
interface VerifyRound {
  readonly bare: readonly [number, number];
  readonly runs: readonly (readonly [number, number])[];
}

/**
 * The row of the `i`th verify: the round whose ratio to its own bare pass (wall clock) is the
 * median, beside that round's bare pass, with the spread of the ratios over the rounds.
 */
function verifyRow(name: string, i: number, rounds: readonly VerifyRound[]): BenchRow {
  const ratioOf = (r: VerifyRound): number => r.bare[0] / (r.runs[i] as [number, number])[0];
  const sorted = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b));
  const mid = sorted[Math.floor((sorted.length - 1) / 2)] as VerifyRound;
  const [sec, cpu] = mid.runs[i] as [number, number];
  const spread = spreadOf(rounds.map(ratioOf));
  return {
    name: `${name}, ${N} events`,
    value: N / sec,
    unit: 'events/s',
    anchor: { name: 'bare JSON.parse + SHA-256 per line', value: N / mid.bare[0] },
    ...(spread === undefined ? {} : { spread }),
    note: `by CPU time ${Math.round((100 * mid.bare[1]) / cpu)}% of bare`,
  };
}

async function verifyBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'assure-audit-bench-'));
  // AUDIT_BENCH_FILE keeps the generated export for another run (or a profile).
  const kept = process.env['AUDIT_BENCH_FILE'];
  const file = kept ?? join(dir, 'export.ndjson');
  try {
    if (kept === undefined || !existsSync(kept)) {
      const [, gen] = await time(() => generate(file));
      console.log(`generated ${N} events in ${gen.toFixed(1)} s`);
    }
    const mb = statSync(file).size / 1e6;
    console.log(`export: ${N} events, ${mb.toFixed(0)} MB`);
    await bare(file); // warm the page cache and the JIT
    const load0 = loadavg();
    const names = [
      'verify, 1 thread (domain codecs)',
      'verify, 1 thread (envelope only)',
      'verify, workers (domain codecs)',
    ] as const;
    const rounds: VerifyRound[] = [];
    let report: Awaited<ReturnType<typeof verifyExport>> | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const [n, tb, cb] = await timeCpu(() => bare(file));
      const [one, tv, cv] = await timeCpu(() => verifyExport(file, { threads: 0 }));
      const [, te, ce] = await timeCpu(() =>
        verifyExport(file, { decodeEvent: false, threads: 0 }),
      );
      const [par, tp, cp] = await timeCpu(() => verifyExport(file));
      if (!one.ok || n !== N + 1)
        throw new Error(`bench log did not verify: ${JSON.stringify(one.failures[0])}`);
      if (JSON.stringify(par) !== JSON.stringify(one))
        throw new Error('the parallel verify gave another report than the sequential one');
      report = one;
      // process.cpuUsage counts every thread of the process, workers included.
      const round: VerifyRound = {
        bare: [tb, cb],
        runs: [
          [tv, cv],
          [te, ce],
          [tp, cp],
        ],
      };
      rounds.push(round);
      console.log(
        `round ${r + 1}: ${['bare JSON.parse + sha-256 per line', ...names]
          .map((name, i) => {
            const [sec, cpu] = i === 0 ? round.bare : (round.runs[i - 1] as [number, number]);
            return `${name} ${(N / sec).toFixed(0)} events/s (${sec.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU)`;
          })
          .join('; ')}`,
      );
    }
    names.forEach((name, i) => benchRows.push(verifyRow(name, i, rounds)));
    const load1 = loadavg();
    console.log(
      `machine: ${availableParallelism()} cores; load average (1, 5, 15 min) before ${load0.map((l) => l.toFixed(2)).join(', ')}, after ${load1.map((l) => l.toFixed(2)).join(', ')}`,
    );
    if (report === undefined) throw new Error('AUDIT_BENCH_ROUNDS: expected 1 or more');
    console.log(`seals checked: ${report.sealsChecked}, root ${report.root}`);
    peakRssBench(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How a peak-RSS child prints its peak: VmHWM of /proc/self/status, the high-water mark of the
 * process's own memory since it started. Not `process.resourceUsage().maxRSS`: on Linux a
 * child's maxrss starts at its parent's peak (the forked copy of the parent's memory counts
 * until exec), so a child of this bench, which has verified 1M events itself by then, would
 * report this bench's peak. maxRSS only where /proc is missing.
 */
const PRINT_PEAK = `
  const fs = require('node:fs');
  const hwm = fs.existsSync('/proc/self/status')
    ? /VmHWM:\\s*(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
    : null;
  console.log('PEAK_RSS_MB ' + (hwm === null ? process.resourceUsage().maxRSS : Number(hwm[1])) / 1024);`;

/**
 * The code of a peak-RSS child: plain `node`, no flag and no TypeScript loader (this bench runs
 * under @swc-node/register with a larger heap limit, and the loader alone holds about 90 MB),
 * running the built library (`pnpm bench` builds first), or the bare loop in plain JavaScript.
 */
const RSS_CHILD: Record<'verify' | 'bare', (file: string) => string> = {
  verify: (file) => `
    const { verifyExport } = require(${JSON.stringify(join(__dirname, '../dist/index.js'))});
    verifyExport(${JSON.stringify(file)}, { threads: 0 }).then((r) => {
      if (!r.ok) throw new Error('bench log did not verify: ' + JSON.stringify(r.failures[0]));
      ${PRINT_PEAK}
    });`,
  // One line string at a time, as verify reads: the least any parse-and-hash pass holds.
  bare: (file) => `
    const { createReadStream } = require('node:fs');
    const { hash } = require('node:crypto');
    (async () => {
      let rest, sink = 0;
      for await (const chunk of createReadStream(${JSON.stringify(file)}, { highWaterMark: 1 << 20 })) {
        const buf = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
        let start = 0;
        for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
          const text = buf.toString('utf8', start, nl);
          sink += hash('sha256', text).length + (JSON.parse(text).revision ?? 0);
          start = nl + 1;
        }
        rest = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
      }
      if (sink < 0) console.log(sink);
      ${PRINT_PEAK}
    })();`,
};

/**
 * Peak resident memory of one `verify` (1 thread, domain codecs) of the export, in a process
 * of its own that does nothing else (see {@link RSS_CHILD}); beside it, the peak of a bare
 * JSON.parse + SHA-256 of each line in a process of its own started the same way.
 */
function peakRssBench(file: string): void {
  if (!existsSync(join(__dirname, '../dist/index.js')))
    throw new Error('build first (pnpm bench builds): the peak-RSS child runs dist/index.js');
  const peakOf = (what: 'verify' | 'bare'): number => {
    const out = execFileSync(process.execPath, ['-e', RSS_CHILD[what](file)], {
      encoding: 'utf8',
    });
    const m = /PEAK_RSS_MB (\d+(\.\d+)?)/.exec(out);
    if (m === null) throw new Error(`no PEAK_RSS_MB line from the ${what} child: ${out}`);
    return Number(m[1]);
  };
  // Each in a fresh process, alternating; the medians are printed, the spread of verify's peak.
  const bare: number[] = [];
  const verify: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bare.push(peakOf('bare'));
    verify.push(peakOf('verify'));
  }
  const median = (xs: readonly number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
  const verifyMb = median(verify);
  const bareMb = median(bare);
  console.log(
    `peak RSS: verify ${verify.map((x) => x.toFixed(0)).join(', ')} MB; bare ${bare.map((x) => x.toFixed(0)).join(', ')} MB`,
  );
  const spread = spreadOf(verify);
  benchRows.push({
    name: `verify peak RSS, 1 thread (domain codecs), ${N} events (median; spread of the peaks)`,
    value: verifyMb,
    unit: 'MB',
    anchor: {
      name: 'bare JSON.parse + SHA-256 per line (one line string at a time), peak RSS',
      value: bareMb,
    },
    ...(spread === undefined ? {} : { spread }),
  });
}

async function sealAndProofBench(): Promise<void> {
  const M = Number(process.env['AUDIT_BENCH_STORE_EVENTS'] ?? 100_000);
  const store = createMemoryStore();
  for (let i = 0; i < M; i += 100) {
    const events: ProposedEvent[] = Array.from({ length: Math.min(100, M - i) }, (_, k) => ({
      eventId: `e-${i + k}`,
      type: 'RiskClosed',
      schemaVersion: 1,
      data: { riskId: `r-${i}`, reason: 'settled' },
      meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
    }));
    const r = await store.append(`risk-r-${i}`, events, 'no-stream')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const who = { actor: 'auditor-gt', role: 'auditor' };
  const [s1, ts] = await time(() => seal(store, who)());
  if (E.isLeft(s1)) throw new Error(s1.left.message);
  console.log(`seal of ${M} events (memory store): ${(ts * 1000).toFixed(0)} ms`);
  const [p, tp] = await time(() => proveEvent(store, `e-${Math.floor(M / 3)}`)());
  if (E.isLeft(p)) throw new Error(p.left.message);
  console.log(`inclusion proof (${p.right.path.length} hashes): ${(tp * 1000).toFixed(0)} ms`);
  const [c, tc] = await time(() => proveConsistency(store, Math.floor(M / 2))());
  if (E.isLeft(c)) throw new Error(c.left.message);
  console.log(`consistency proof (${c.right.path.length} hashes): ${(tc * 1000).toFixed(0)} ms`);
  const [ok, tk] = await time(() =>
    Promise.resolve(checkProof(p.right).ok && checkProof(c.right).ok),
  );
  console.log(`checking both proofs: ${(tk * 1000).toFixed(2)} ms (${ok ? 'ok' : 'FAILED'})`);
  benchRows.push(
    { name: `seal of ${M} events (memory store)`, value: ts * 1000, unit: 'ms' },
    { name: 'inclusion proof', value: tp * 1000, unit: 'ms' },
    { name: 'consistency proof', value: tc * 1000, unit: 'ms' },
  );
}

async function main(): Promise<void> {
  await verifyBench();
  await sealAndProofBench();
  reportRows(benchRows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
