#!/usr/bin/env node
// Runs every benchmark (packages/*/bench/*.bench.ts, after `tsc -b`) in its own Node process,
// so peak RSS figures do not mix. Filter with an argument: `pnpm bench store-file`.
//
// Each bench prints its figures for humans and, last, one line `BENCH_ROWS <json>`
// (scripts/bench-rows.ts): every figure with the anchor it was measured beside, in the same
// run. This runner collects the rows and replaces docs/perf/README.md (or ASSURE_BENCH_OUT)
// with one table: the date, the machine, and each figure with its anchor, ratio and spread.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

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

function table(results, started, load0, load1) {
  const m = machine();
  const lines = [
    '# Performance: the current figures',
    '',
    'Written by `pnpm bench` (`scripts/bench.js`), which replaces this file on every run: one',
    'run, on one machine. Each figure stands beside its anchor, the bare cost of the same work',
    'measured in the same run, because on a loaded machine the ratio moves far less than the',
    'figure. Earlier runs are in the git history of this file.',
    '',
    `- date: ${started.toISOString()}`,
    `- command: \`pnpm bench${filter ? ` ${filter}` : ''}\`${filter ? ' (only the benchmarks matching the filter)' : ''}`,
    `- machine: ${m.cores} cores, ${m.cpu}, ${m.memory} memory, Node ${m.node}, ${m.platform}`,
    `- load average (1, 5, 15 min): before ${load0.map((l) => l.toFixed(2)).join(', ')}; after ${load1.map((l) => l.toFixed(2)).join(', ')}`,
    '',
    '| benchmark | figure | value | anchor (same run) | ratio | spread |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { file, rows, status, bad } of results) {
    const bench = path.relative(root, file).replace(/\\/g, '/');
    if (status !== 0 || bad !== undefined) {
      lines.push(`| ${bench} | (failed: ${cell(bad ?? `exit ${status}`)}) | | | | |`);
      continue;
    }
    for (const r of rows) {
      const anchor = r.anchor ? `${cell(r.anchor.name)}: ${fmt(r.anchor.value)} ${r.unit}` : '–';
      const ratio = r.ratio ?? (r.anchor ? r.value / r.anchor.value : undefined);
      const spread = r.spread
        ? `${fmt(r.spread.low)}-${fmt(r.spread.high)} over ${r.spread.rounds} rounds`
        : 'one measurement';
      const note = r.note ? ` (${cell(r.note)})` : '';
      lines.push(
        `| ${bench} | ${cell(r.name)}${note} | ${fmt(r.value)} ${r.unit} | ${anchor} | ${ratio === undefined ? '–' : `${Math.round(ratio * 100)}%`} | ${spread} |`,
      );
    }
  }
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
