/** A goal's comparison: the row's ratio or its value, at most or at least the target. */
export interface GoalTest {
  readonly on: 'ratio' | 'value';
  readonly target: number;
  readonly at: 'most' | 'least';
}

/** A row of docs/perf's table as the goals read it. */
export interface GoalRow {
  readonly bench?: string;
  readonly figure?: string;
  readonly value: number;
  readonly ratio?: number;
  readonly spread?: { readonly low: number; readonly high: number };
  readonly spreadText?: string;
  readonly run?: string;
}

/** The "Goals" section (markdown lines) for the table's rows (markdown lines). */
export function goalsSection(lines: readonly string[]): string[];
/** A row's verdict on a goal: `met` or `not met`, and whether its spread crosses the target. */
export function verdict(goal: GoalTest, row: GoalRow): { x: number | undefined; text: string };
/** A table row read cell by cell, or undefined for a failed run's row. */
export function parse(line: string): GoalRow | undefined;
