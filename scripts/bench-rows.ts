// The one way a benchmark reports its figures to `scripts/bench.js`: after its printed
// output for humans, each bench prints one line `BENCH_ROWS <json>` holding its rows, which
// the runner collects into the current table (docs/perf/README.md). A row is a figure set
// beside its anchor, the bare cost of the same work measured in the same run, so the ratio
// means something even on a loaded machine, where the raw figure alone does not.

/** The range of a figure over the rounds it was measured in. */
export interface Spread {
  readonly low: number;
  readonly high: number;
  readonly rounds: number;
}

export interface BenchRow {
  /** What was measured, e.g. `readAll with decode, 100k events`. */
  readonly name: string;
  readonly value: number;
  /** `events/s`, `ms`, `us/event`, `MB`… */
  readonly unit: string;
  /** The bare cost of the same work in the same run (same unit as `value`). */
  readonly anchor?: { readonly name: string; readonly value: number };
  /** `value / anchor.value` unless given (e.g. a ratio of CPU-time rates). */
  readonly ratio?: number;
  readonly spread?: Spread;
  readonly note?: string;
}

export const BENCH_ROWS_PREFIX = 'BENCH_ROWS ';

/** Prints the rows as the last, machine-readable line of a benchmark's output. */
export function reportRows(rows: readonly BenchRow[]): void {
  process.stdout.write(`${BENCH_ROWS_PREFIX}${JSON.stringify(rows)}\n`);
}

/** The spread of several measurements of one figure (undefined for a single one). */
export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length < 2) return undefined;
  return { low: Math.min(...values), high: Math.max(...values), rounds: values.length };
}
