// The goals the project set for its speed and memory, each checked against the current rows of
// docs/perf/README.md: `goalsSection(rows)` gives the "Goals" section that scripts/bench.js
// writes under the table, so the verdicts follow the figures and are never written by hand.
'use strict';

const STATUS = 'packages/cli/bench/status.bench.ts';
const LARGE = /1000000 events/;

/**
 * One goal: which rows measure it (benchmark file and a test of the figure's text), what is
 * compared (the row's ratio, or its value for an absolute goal) and the target.
 */
const GOALS = [
  {
    goal: '`status`, `tracker` and `risks` at any `--as-at` and `--known-at`, 1M events, cold, without a snapshot: CPU time against a bare parse',
    bench: STATUS,
    figure: (f) => LARGE.test(f) && /no snapshot/.test(f),
    on: 'ratio',
    target: 1.0,
    at: 'most',
  },
  {
    goal: 'the same with a snapshot, as at any day',
    bench: STATUS,
    figure: (f) => LARGE.test(f) && /(with|from) (a|the) snapshot/.test(f) && !/rebuild/.test(f),
    on: 'ratio',
    target: 0.3,
    at: 'most',
  },
  {
    goal: 'rebuild of every view from the file, open included, against a bare parse',
    bench: 'packages/projections/bench/rebuild.bench.ts',
    // The store's open (its own pass) then the fold, and the log reader's one pass that
    // checks and folds each line: both do the open's checks (see the bench's header).
    figure: (f) =>
      /^file store, all views, open included, \d/.test(f) ||
      /^file log read in one pass, all views \(chains followed\), \d/.test(f),
    on: 'ratio',
    target: 0.5,
    at: 'least',
  },
  {
    goal: 'command handler against Emmett, streams of 50 and of 950 events',
    bench: 'packages/event-store/bench/handler.bench.ts',
    figure: (f) => /^command handler, streams of/.test(f),
    on: 'ratio',
    target: 2,
    at: 'least',
  },
  {
    goal: 'durable appends, 1 writer, against a bare write + fdatasync',
    bench: 'packages/store-file/bench/durable.bench.ts',
    figure: (f) => /1 writer/.test(f),
    on: 'ratio',
    target: 0.8,
    at: 'least',
  },
  {
    goal: 'durable appends, 8 writers, against a bare write of 8 lines + one fdatasync',
    bench: 'packages/store-file/bench/durable.bench.ts',
    figure: (f) => /8 concurrent writers/.test(f),
    on: 'ratio',
    target: 0.7,
    at: 'least',
  },
  {
    goal: 'in-memory appends against Emmett',
    bench: 'packages/event-store/bench/memory.bench.ts',
    figure: (f) => /expected revision given/.test(f),
    on: 'ratio',
    target: 4,
    at: 'least',
  },
  {
    goal: '`verify` of 1M events, peak memory (MB)',
    bench: 'packages/audit/bench/verify.bench.ts',
    figure: (f) => /^verify peak RSS/.test(f),
    on: 'value',
    target: 200,
    at: 'most',
  },
];

/** The cells of a table row (`\|` inside a cell is not a separator). */
const cellsOf = (line) => line.slice(2, -2).split(/ \| /);
const numberOf = (s) =>
  Number(
    String(s)
      .replace(/,/g, '')
      .replace(/[^0-9.eE+-].*$/, ''),
  );

/** A row as the goals read it, or undefined for a failed run's row. */
function parse(line) {
  const [bench, figure, value, , ratio, spread, run] = cellsOf(line);
  if (figure === undefined || figure.startsWith('(failed')) return undefined;
  const pct = /^(\d+)%$/.exec(ratio ?? '');
  const range = /^([\d.,]+)-([\d.,]+) over (\d+) rounds$/.exec(spread ?? '');
  return {
    bench,
    figure,
    value: numberOf(value),
    ratio: pct === null ? undefined : Number(pct[1]) / 100,
    spread: range === null ? undefined : { low: numberOf(range[1]), high: numberOf(range[2]) },
    spreadText: spread,
    run,
  };
}

const shown = (x, on) => (on === 'ratio' ? `${x.toFixed(2)}x` : `${x}`);

/** The verdict of one row on one goal: met or not, and whether its spread crosses the target. */
function verdict(goal, row) {
  const x = goal.on === 'ratio' ? row.ratio : row.value;
  if (x === undefined || Number.isNaN(x)) return { x, text: 'no figure' };
  const met = goal.at === 'most' ? x <= goal.target : x >= goal.target;
  // A spread of the same quantity (it brackets the figure) that lies on both sides.
  const s = row.spread;
  const same = s !== undefined && s.low <= x + 1e-9 && x <= s.high + 1e-9;
  const crosses = same && s.low < goal.target && goal.target < s.high;
  return {
    x,
    text: `${met ? 'met' : 'not met'}${crosses ? ' (the spread crosses the target)' : ''}`,
  };
}

/**
 * The "Goals" section: for each goal, every current row that measures it, with its figure
 * against the target and the verdict.
 *
 * @param lines the table's rows (markdown lines)
 */
function goalsSection(lines) {
  const rows = lines.map(parse).filter((r) => r !== undefined);
  const out = [
    '## Goals',
    '',
    'Each goal the project set for its speed and memory, beside the rows above that measure it:',
    "the row's ratio (or value) against the target, and whether its rounds' spread lies on both",
    'sides of it. Written with the table from the same rows.',
    '',
    '| goal | target | row | figure | spread | verdict | run |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const goal of GOALS) {
    const target = `${goal.at === 'most' ? '≤' : '≥'} ${shown(goal.target, goal.on)}`;
    const matching = rows.filter((r) => r.bench === goal.bench && goal.figure(r.figure));
    if (matching.length === 0)
      out.push(`| ${goal.goal} | ${target} | (no row) | | | not measured | |`);
    for (const r of matching) {
      const v = verdict(goal, r);
      const figure = v.x === undefined ? '–' : shown(v.x, goal.on);
      out.push(
        `| ${goal.goal} | ${target} | ${r.figure} | ${figure} | ${r.spreadText} | ${v.text} | ${r.run} |`,
      );
    }
  }
  return out;
}

module.exports = { goalsSection, GOALS, parse, verdict };
