import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { goalsSection, parse, verdict } from '../../scripts/bench-goals';

// The goals section of docs/perf is written by scripts/bench.js from the table's rows
// (scripts/bench-goals.js): these tests hold it to the rows it is written from.
const perf = readFileSync(path.join(__dirname, '..', 'perf', 'README.md'), 'utf8').split('\n');

describe('docs/perf goals', () => {
  test('the committed section is the one its rows give (no verdict written by hand)', () => {
    const rows = perf.filter((l) => l.startsWith('| packages/') || l.startsWith('| examples/'));
    const start = perf.indexOf('## Goals');
    expect(start).toBeGreaterThan(0);
    const section = goalsSection(rows);
    expect(perf.slice(start, start + section.length)).toEqual(section);
  });

  test('a verdict follows the target and the side of it', () => {
    const least = { on: 'ratio' as const, target: 0.5, at: 'least' as const };
    const most = { on: 'ratio' as const, target: 0.3, at: 'most' as const };
    expect(verdict(least, { ratio: 0.5, value: 1 }).text).toBe('met');
    expect(verdict(least, { ratio: 0.49, value: 1 }).text).toBe('not met');
    expect(verdict(most, { ratio: 0.31, value: 1 }).text).toBe('not met');
    expect(verdict(most, { ratio: 0.27, value: 1 }).text).toBe('met');
    // A spread of the same quantity on both sides of the target is said.
    expect(verdict(most, { ratio: 0.27, value: 1, spread: { low: 0.25, high: 0.32 } }).text).toBe(
      'met (the spread crosses the target)',
    );
    // A spread of another quantity (rates, not ratios) is not read as crossing.
    expect(
      verdict(least, { ratio: 0.32, value: 1, spread: { low: 80283, high: 88624 } }).text,
    ).toBe('not met');
    // An absolute goal reads the value.
    expect(
      verdict({ on: 'value', target: 200, at: 'most' }, { value: 176, ratio: 1.37 }).text,
    ).toBe('met');
  });

  test('rows are read cell by cell, an escaped pipe inside a cell kept', () => {
    const row = parse(
      '| packages/x/bench/a.bench.ts | a \\| b, 10 events | 1,234 events/s | bare: 2,000 events/s | 62% | 0.5-0.7 over 3 rounds | 4 |',
    );
    expect(row).toMatchObject({ figure: 'a \\| b, 10 events', ratio: 0.62, value: 1234 });
    expect(parse('| packages/x/bench/a.bench.ts | (failed: exit 1) | | | | | 4 |')).toBe(undefined);
  });
});
