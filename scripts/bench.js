#!/usr/bin/env node
// Runs every benchmark (packages/*/bench/*.bench.ts, after `tsc -b`) in its own Node process,
// so peak RSS figures do not mix. Filter with an argument: `pnpm bench store-file`.
//
// Each bench prints its figures for humans and, last, one line `BENCH_ROWS <json>`
// (scripts/bench-rows.ts): every figure with the anchor it was measured beside, in the same
// run. This runner collects the rows and writes docs/perf/README.md (or ASSURE_BENCH_OUT): one
// table of each figure with its anchor, ratio, spread and the run (date, commit, load) that
// measured it; a filtered run replaces only the rows of the benchmarks it ran.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { goalsSection } = require('./bench-goals');

const root = path.resolve(__dirname, '..');
const filter = process.argv[2];
const out = path.resolve(root, process.env.ASSURE_BENCH_OUT ?? 'docs/perf/README.md');
const PREFIX = 'BENCH_ROWS ';

function benchFiles() {
  const files = [];
  for (const dir of ['packages', 'examples']) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const pkg of fs.readdirSync(base).sort()) {
      const benchDir = path.join(base, pkg, 'bench');
      if (!fs.existsSync(benchDir)) continue;
      for (const f of fs.readdirSync(benchDir).sort()) {
        if (f.endsWith('.bench.ts') && (!filter || `${pkg}/${f}`.includes(filter)))
          files.push(path.join(benchDir, f));
      }
    }
  }
  return files;
}

/** Runs one bench, echoing its output as it comes, and resolves with its rows and status. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '-r', '@swc-node/register', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        cwd: root,
        env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
      },
    );
    let rows = [];
    let bad;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(PREFIX)) return void console.log(line);
      try {
        rows = rows.concat(JSON.parse(line.slice(PREFIX.length)));
      } catch (e) {
        bad = `unreadable ${PREFIX.trim()} line: ${e.message}`;
      }
    });
    child.on('close', (code, signal) => resolve({ rows, status: code ?? signal, bad }));
  });
}

const fmt = (x) =>
  Math.abs(x) >= 100
    ? Math.round(x).toLocaleString('en-GB')
    : Number(x.toPrecision(3)).toLocaleString('en-GB');
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function machine() {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The commit being measured (with "+changes" when the tree differs from it), or "unknown". */
function commitOf() {
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '+changes' : ''}`;
}

const RUN_LINE = /^- run (\d+): (.*)$/;
const HEADER_ROW = '| benchmark | figure | value | anchor (same run) | ratio | spread | run |';

/**
 * The rows of the table already written, by benchmark file, with the runs they came from:
 * a filtered run (`pnpm bench server`) replaces only its own benchmarks' rows, so the table
 * stays whole and each row says which run measured it. A table written before rows named
 * their run (six columns, one run described by `- date:` and `- load average` lines) is read
 * as run 1.
 */
function previousTable() {
  if (!fs.existsSync(out)) return { runs: new Map(), rows: new Map() };
  const text = fs.readFileSync(out, 'utf8').split('\n');
  const runs = new Map();
  for (const line of text) {
    const m = RUN_LINE.exec(line);
    if (m) runs.set(Number(m[1]), m[2]);
  }
  let legacy = false;
  if (runs.size === 0) {
    const date = text.find((l) => l.startsWith('- date: '));
    const load = text.find((l) => l.startsWith('- load average'));
    const command = text.find((l) => l.startsWith('- command: '));
    if (date !== undefined) {
      legacy = true;
      runs.set(
        1,
        [date.slice(2), command?.slice(2), load?.slice(2)]
          .filter((x) => x !== undefined)
          .join('; '),
      );
    }
  }
  const rows = new Map();
  for (const line of text) {
    if (!line.startsWith('| packages/') && !line.startsWith('| examples/')) continue;
    const bench = line.slice(2, line.indexOf(' |'));
    const row = legacy ? `${line} 1 |` : line;
    rows.set(bench, [...(rows.get(bench) ?? []), row]);
  }
  return { runs, rows };
}

function table(results, started, load0, load1) {
  const m = machine();
  const previous = previousTable();
  const ran = new Set(results.map(({ file }) => path.relative(root, file).replace(/\\/g, '/')));
  const kept = [...previous.rows].filter(([bench]) => !ran.has(bench));
  const usedRuns = new Set(
    kept.flatMap(([, rows]) => rows.map((r) => Number(/\| (\d+) \|$/.exec(r)?.[1]))),
  );
  const run = Math.max(0, ...previous.runs.keys()) + 1;
  const runs = [...previous.runs].filter(([n]) => usedRuns.has(n));
  runs.push([
    run,
    [
      `date: ${started.toISOString()}`,
      `commit: ${commitOf()}`,
      `command: \`pnpm bench${filter ? ` ${filter}` : ''}\``,
      `load average (1, 5, 15 min): before ${load0.map((l) => l.toFixed(2)).join(', ')}; after ${load1.map((l) => l.toFixed(2)).join(', ')}`,
    ].join('; '),
  ]);
  const fresh = new Map();
  for (const { file, rows, status, bad } of results) {
    const bench = path.relative(root, file).replace(/\\/g, '/');
    if (status !== 0 || bad !== undefined) {
      fresh.set(bench, [
        `| ${bench} | (failed: ${cell(bad ?? `exit ${status}`)}) | | | | | ${run} |`,
      ]);
      continue;
    }
    fresh.set(
      bench,
      rows.map((r) => {
        const anchor = r.anchor ? `${cell(r.anchor.name)}: ${fmt(r.anchor.value)} ${r.unit}` : '–';
        const ratio = r.ratio ?? (r.anchor ? r.value / r.anchor.value : undefined);
        const spread = r.spread
          ? `${fmt(r.spread.low)}-${fmt(r.spread.high)} over ${r.spread.rounds} rounds`
          : 'one measurement';
        const note = r.note ? ` (${cell(r.note)})` : '';
        return `| ${bench} | ${cell(r.name)}${note} | ${fmt(r.value)} ${r.unit} | ${anchor} | ${ratio === undefined ? '–' : `${Math.round(ratio * 100)}%`} | ${spread} | ${run} |`;
      }),
    );
  }
  const all = new Map([...kept, ...fresh]);
  const lines = [
    '# Performance: the current figures',
    '',
    'Written by `pnpm bench` (`scripts/bench.js`). Each figure stands beside its anchor, the bare',
    'cost of the same work measured in the same run, because on a loaded machine the ratio',
    'moves far less than the figure. A full run replaces every row; a filtered run (`pnpm bench',
    'server`) replaces the rows of the benchmarks it ran and keeps the others, so each row names',
    'the run that measured it. Earlier runs are in the git history of this file.',
    '',
    `- machine: ${m.cores} cores, ${m.cpu}, ${m.memory} memory, Node ${m.node}, ${m.platform}`,
    ...runs.map(([n, text]) => `- run ${n}: ${text}`),
    '',
    HEADER_ROW,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...[...all.keys()].sort().flatMap((bench) => all.get(bench)),
  ];
  lines.push('', ...goalsSection([...all.values()].flat()));
  return `${lines.join('\n')}\n`;
}

async function main() {
  const files = benchFiles();
  const started = new Date();
  const load0 = os.loadavg();
  const results = [];
  for (const file of files) {
    console.log(`\n## ${path.relative(root, file)}`);
    const r = await run(file);
    if (r.status !== 0) console.log(`(benchmark exited with ${r.status})`);
    if (r.bad !== undefined) console.log(`(${r.bad})`);
    results.push({ file, ...r });
  }
  if (files.length > 0) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, table(results, started, load0, os.loadavg()));
    console.log(`\nwrote ${path.relative(root, out)}`);
  }
  process.exit(results.every((r) => r.status === 0 && r.bad === undefined) ? 0 : 1);
}

void main();
