/**
 * `assure status --json` on 100k events, cold: each run is a new Node process on a file store
 * (target: under 1 s). Two figures: the first run rebuilds the read models from the log and
 * saves a snapshot next to it; the next runs start from that snapshot and catch up.
 * Printed beside the bare cost of starting Node and of `JSON.parse` of every line.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { reportRows, spreadOf } from '../../../scripts/bench-rows';

const EVENTS = Number(process.env['CLI_BENCH_EVENTS'] ?? 100_000);
const RISKS = Math.max(1, Math.min(1_000, Math.floor(EVENTS / 100)));
const PER_RISK = EVENTS / RISKS - 1; // one RiskIdentified, then rescores
const bin = path.resolve(__dirname, '..', 'dist', 'bin.js');

const meta = (day: string) => ({
  actor: 'officer-bench',
  role: 'officer',
  occurredAt: `${day}T00:00:00.000Z`,
  commandId: randomUUID(),
});
const ev = (type: string, data: Record<string, unknown>, day: string): ProposedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  meta: meta(day),
});

async function generate(file: string): Promise<void> {
  const opened = await openFileStore(file)();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const ok = async (stream: string, events: ProposedEvent[]) => {
    const r = await store.append(stream, events, 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  };
  const areas = Array.from({ length: 10 }, (_, i) => `area-${i}`);
  await ok('programme-bench', [
    ev(
      'ProgrammeEstablished',
      { programmeId: 'bench', title: 'Bench programme', body: 'Bench council', phase: 'Bench' },
      '2015-01-01',
    ),
    ...areas.map((areaId) =>
      ev(
        'PriorityAreaDefined',
        { programmeId: 'bench', areaId, title: `Area ${areaId}` },
        '2015-01-01',
      ),
    ),
  ]);
  const written = 1 + areas.length;
  for (let r = 0; r < RISKS; r++) {
    const riskId = `risk-${r}`;
    const events: ProposedEvent[] = [
      ev(
        'RiskIdentified',
        {
          riskId,
          programmeId: 'bench',
          areaId: areas[r % areas.length],
          title: `Risk ${r}`,
          category: 'Bench',
          owner: 'officer-bench',
          inherent: { likelihood: 4, impact: 4 },
          target: { likelihood: 2, impact: 2 },
          nextReviewOn: '2016-01-01',
        },
        '2015-01-02',
      ),
    ];
    let prev = { likelihood: 4, impact: 4 };
    const count = r === RISKS - 1 ? PER_RISK - written : PER_RISK;
    for (let k = 0; k < count; k++) {
      const cur = { likelihood: 1 + ((k + r) % 5), impact: 1 + ((k * 3 + r) % 5) };
      if (cur.likelihood === prev.likelihood && cur.impact === prev.impact)
        cur.impact = (cur.impact % 5) + 1;
      const day = new Date(Date.UTC(2015, 0, 3) + k * 86_400_000).toISOString().slice(0, 10);
      events.push(
        ev(
          'RiskRescored',
          { riskId, ...cur, rationale: 'bench', previous: prev, current: cur },
          day,
        ),
      );
      prev = cur;
    }
    await ok(`risk-${riskId}`, events);
  }
  const stats = store.stats();
  await store.close();
  console.log(`generated ${stats.events} events (${(stats.bytes / 1e6).toFixed(1)} MB) in ${file}`);
}

function timeRun(args: string[], cwd: string): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`assure ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-status-bench-'));
  const file = path.join(dir, 'events.ndjson');
  try {
    await generate(file);
    const store = ['--store', `file:${file}`, '--json', 'status'];
    const node = timeRun(['--help'], dir);
    const t0 = process.hrtime.bigint();
    let n = 0;
    let sink = 0;
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line !== '') {
        sink += (JSON.parse(line) as { revision: number }).revision;
        n++;
      }
    if (sink < 0) console.log(sink);
    const parseMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const rebuild = timeRun([...store, '--no-snapshot'], dir);
    const first = timeRun(store, dir); // builds and saves the snapshot
    const warm = [timeRun(store, dir), timeRun(store, dir), timeRun(store, dir)]
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const doc = JSON.parse(first.out) as { programmes: { totals: { risks: { open: number } } }[] };
    console.log(`open risks in the status: ${doc.programmes[0]?.totals.risks.open}`);
    console.log(
      `bare: node start + CLI load (assure --help): ${node.ms.toFixed(0)} ms; JSON.parse of ${n} lines in-process: ${parseMs.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, no snapshot (full replay): ${rebuild.ms.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, first run (replay + save snapshot): ${first.ms.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, from the snapshot (median of 3): ${warm[1]?.toFixed(0)} ms  (target < 1000 ms)`,
    );
    const anchor = { name: 'node start + CLI load (assure --help)', value: node.ms };
    const fromSnapshot = spreadOf(warm);
    reportRows([
      {
        name: `assure status --json, ${n} events, no snapshot (full replay)`,
        value: rebuild.ms,
        unit: 'ms',
        anchor,
      },
      {
        name: `assure status --json, ${n} events, first run (replay + save snapshot)`,
        value: first.ms,
        unit: 'ms',
        anchor,
      },
      {
        name: `assure status --json, ${n} events, from the snapshot (median of 3)`,
        value: warm[1] ?? NaN,
        unit: 'ms',
        anchor,
        ...(fromSnapshot === undefined ? {} : { spread: fromSnapshot }),
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
