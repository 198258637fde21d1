import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { parseDayOption, parseKnownAt } from '../src/time-options';
import { assure, tempDir } from './run';

const right = (e: E.Either<{ message: string }, string>): string => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};
const leftMessage = (e: E.Either<{ message: string }, string>): string =>
  E.isLeft(e) ? e.left.message : `accepted as ${e.right}`;

describe('--known-at: the forms accepted', () => {
  it('takes any RFC 3339 instant, converted to UTC at millisecond precision', () => {
    expect(right(parseKnownAt('2021-03-18T00:00:00Z'))).toBe('2021-03-18T00:00:00.000Z');
    expect(right(parseKnownAt('2021-03-18T00:00:00.000Z'))).toBe('2021-03-18T00:00:00.000Z');
    expect(right(parseKnownAt('2021-03-18T10:30:00.5+01:00'))).toBe('2021-03-18T09:30:00.500Z');
    expect(right(parseKnownAt('2021-03-18T20:00:00-05:30'))).toBe('2021-03-19T01:30:00.000Z');
    expect(right(parseKnownAt('2021-03-18t12:00:00z'))).toBe('2021-03-18T12:00:00.000Z');
    // Beyond the millisecond, cut: recorded times carry milliseconds, so the same events.
    expect(right(parseKnownAt('2021-03-18T23:59:59.9999999Z'))).toBe('2021-03-18T23:59:59.999Z');
    expect(right(parseKnownAt('2016-12-31T23:59:60Z'))).toBe('2016-12-31T23:59:59.999Z');
    expect(right(parseKnownAt('0099-01-01T00:00:00Z'))).toBe('0099-01-01T00:00:00.000Z');
  });

  it('reads a bare day D as the end of D in UTC (strictly before D+1 00:00Z)', () => {
    expect(right(parseKnownAt('2021-03-18'))).toBe('2021-03-18T23:59:59.999Z');
    expect(right(parseKnownAt('2020-02-29'))).toBe('2020-02-29T23:59:59.999Z');
  });

  it('says a day does not exist, apart from a value that is not a date at all', () => {
    expect(leftMessage(parseKnownAt('2019-02-29'))).toBe(
      '--known-at: the day 2019-02-29 does not exist: February 2019 has 28 days',
    );
    expect(leftMessage(parseKnownAt('2019-04-31T00:00:00Z'))).toContain(
      'the day 2019-04-31 does not exist',
    );
    expect(leftMessage(parseKnownAt('2021-03-18T24:00:00Z'))).toContain('hour 24 does not exist');
    expect(leftMessage(parseKnownAt('2021-03-18T12:00:60Z'))).toContain('leap second');
    expect(leftMessage(parseKnownAt('2021-03-18T12:00:00+25:00'))).toContain('offset');
    for (const v of ['yesterday', '2021-03-18T12:00Z', '2021-03-18T12:00:00', '2021-3-18'])
      expect(leftMessage(parseKnownAt(v))).toContain('--known-at: expected an RFC 3339 instant');
  });

  it('checks days for --as-at the same way', () => {
    expect(right(parseDayOption('--as-at', '2020-02-29'))).toBe('2020-02-29');
    expect(leftMessage(parseDayOption('--as-at', '2019-02-30'))).toBe(
      '--as-at: the day 2019-02-30 does not exist: February 2019 has 28 days',
    );
    expect(leftMessage(parseDayOption('--as-at', '2019-13-01'))).toContain(
      'month 13 does not exist',
    );
    expect(leftMessage(parseDayOption('--as-at', '30/02/2019'))).toContain(
      '--as-at: expected a day YYYY-MM-DD',
    );
  });
});

describe('assure: --known-at and --as-at on a store', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:t.ndjson'];
  const line = (type: string, data: object, recordedAt: string): string =>
    JSON.stringify({
      type,
      data,
      meta: { actor: 'pmo-admin', role: 'admin', occurredAt: '2021-03-18', recordedAt },
    });
  const area = (id: string, recordedAt: string): string =>
    line('DefinePriorityArea', { programmeId: 'p', areaId: id, title: id }, recordedAt);

  beforeAll(() => {
    writeFileSync(
      path.join(cwd, 'cmds.ndjson'),
      [
        line(
          'EstablishProgramme',
          { programmeId: 'p', title: 'T', body: 'B', phase: 'P' },
          '2021-03-18T12:00:00.000Z',
        ),
        area('area-late', '2021-03-18T23:59:59.999Z'),
        area('area-next-day', '2021-03-19T00:00:00.000Z'),
      ].join('\n'),
    );
    const r = assure(cwd, [...store, 'exec', '--backfill', 'cmds.ndjson']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  const trailRows = (knownAt: string): number => {
    const r = assure(cwd, [...store, '--json', 'trail', '--known-at', knownAt]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { rows: unknown[] }).rows.length;
  };

  it('selects by any RFC 3339 instant, offsets converted to UTC', () => {
    expect(trailRows('2021-03-18T12:00:00Z')).toBe(1);
    expect(trailRows('2021-03-18T13:00:00+01:00')).toBe(1);
    expect(trailRows('2021-03-18T12:59:59.5+01:00')).toBe(0);
    expect(trailRows('2021-03-19T00:00:00Z')).toBe(3);
  });

  it('reads a bare day as known at its end: every event recorded before the next day', () => {
    expect(trailRows('2021-03-18')).toBe(2);
    const status = assure(cwd, [...store, '--json', 'status', '--known-at', '2021-03-18']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).knownAt).toBe('2021-03-18T23:59:59.999Z');
  });

  it('refuses a day that does not exist with exit 2, saying so', () => {
    const asAt = assure(cwd, [...store, 'status', '--as-at', '2019-02-30']);
    expect(asAt.code).toBe(2);
    expect(asAt.stdout).toBe('');
    expect(asAt.stderr).toBe(
      'assure: --as-at: the day 2019-02-30 does not exist: February 2019 has 28 days\n',
    );
    const knownAt = assure(cwd, [...store, '--json', 'tracker', '--known-at', '2019-02-29']);
    expect(knownAt.code).toBe(2);
    expect(JSON.parse(knownAt.stderr)).toEqual({
      _tag: 'UsageError',
      message: '--known-at: the day 2019-02-29 does not exist: February 2019 has 28 days',
    });
    const from = assure(cwd, [...store, 'trail', '--from', '2019-02-30']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from: the day 2019-02-30 does not exist');
  });

  it('refuses a value that is not a date with exit 2, naming the option', () => {
    const r = assure(cwd, [...store, 'risks', '--known-at', 'last tuesday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--known-at: expected an RFC 3339 instant');
  });
});
