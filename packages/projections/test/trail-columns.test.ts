import fc from 'fast-check';
import type { Envelope } from '@assure/event-store';
import * as E from 'fp-ts/Either';
import {
  decodeProjectionEvent,
  summarize,
  TrailState,
  type ProjectionEvent,
} from '@assure/projections';
import {
  dayNumber,
  decimalValue,
  instantMs,
  msInstant,
  TrailColumns,
} from '../src/models/trail-columns';

// Instants Date can print, 0000-01-01 .. 9999-12-31 (the 24-character toISOString form).
const canonicalInstant = fc
  .integer({
    min: new Date('0000-01-01T00:00:00.000Z').getTime(),
    max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  })
  .map((ms) => new Date(ms).toISOString());

/** An instant-like string that may break the form anywhere (a character or a range). */
const nearInstant = fc.oneof(
  canonicalInstant,
  fc
    .tuple(canonicalInstant, fc.nat({ max: 23 }), fc.constantFrom(...'0123456789-T:.Z x'.split('')))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
  fc.string({ maxLength: 26 }),
  fc.constantFrom(
    '2019-02-29T00:00:00.000Z',
    '2020-02-29T00:00:00.000Z',
    '2019-04-31T00:00:00.000Z',
    '2019-03-12T24:00:00.000Z',
    '2019-03-12T23:60:00.000Z',
    '2019-03-12T23:59:60.000Z',
    '2019-13-01T00:00:00.000Z',
    '2019-00-01T00:00:00.000Z',
    '+02019-03-12T00:00:00.000Z',
    '2019-03-12T00:00:00Z',
  ),
);

/** What Date makes of a string when it prints back unchanged, else NaN (the reference). */
const referenceInstant = (s: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return Number.NaN;
  const ms = Date.parse(s);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === s ? ms : Number.NaN;
};

const hex64 = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));
const position = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.constantFrom('0', '007', '', '12a', '999999999999999', '1000000000000000', '-1'),
);
const name = fc.oneof(fc.constantFrom('officer-cfo', 'auditor-gt', 'chief-executive'), fc.string());

const envelope = fc.record({
  position,
  stream: name,
  type: fc.constantFrom('RiskRescored', 'ActionCompleted', 'MeetingRecorded'),
  hash: fc.oneof(
    hex64,
    hex64.map((h) => h.toUpperCase()),
    fc.string({ maxLength: 66 }),
  ),
  meta: fc.record({ actor: name, role: name, occurredAt: nearInstant, recordedAt: nearInstant }),
});

describe('trail columns', () => {
  test('an instant parses to the milliseconds Date gives, and only a canonical one parses', () => {
    fc.assert(
      fc.property(nearInstant, (s) => {
        expect(instantMs(s)).toEqual(referenceInstant(s));
        if (!Number.isNaN(instantMs(s))) expect(msInstant(instantMs(s))).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });

  test('instants of one day after another parse as Date reads each (the last day kept)', () => {
    // Runs of instants sharing a day (or a day's digits in another place), each also as a
    // day by dayNumber, interleaved with broken ones.
    const sameDay = fc.tuple(
      canonicalInstant,
      fc.array(fc.nat({ max: 86_399_999 }), { maxLength: 4 }),
    );
    const run = sameDay.map(([s, times]) => [
      s,
      ...times.map((t) => `${s.slice(0, 11)}${new Date(t).toISOString().slice(11)}`),
    ]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            run,
            nearInstant.map((s) => [s]),
          ),
          { maxLength: 20 },
        ),
        (runs) => {
          for (const s of runs.flat()) {
            expect(instantMs(s)).toEqual(referenceInstant(s));
            const day = dayNumber(s);
            const reference = referenceInstant(`${s.slice(0, 10)}T00:00:00.000Z`);
            expect(day).toEqual(s.length < 10 ? Number.NaN : reference / 86_400_000);
          }
        },
      ),
      { numRuns: 1000 },
    );
    // Days whose digits a careless cache key would mix up: the 40th of January is not the
    // 8th of February, nor the 0th of a month the last of the one before.
    for (const [known, other] of [
      ['2019-02-08', '2019-01-40'],
      ['2019-01-31', '2019-02-00'],
      ['2019-03-01', '2019-02-33'],
    ] as const) {
      expect(instantMs(`${known}T00:00:00.000Z`)).toBe(Date.parse(known));
      expect(instantMs(`${other}T00:00:00.000Z`)).toBeNaN();
      expect(dayNumber(known)).toBe(Date.parse(known) / 86_400_000);
      expect(dayNumber(other)).toBeNaN();
    }
  });

  test('a decimal position parses only when canonical and exact', () => {
    fc.assert(
      fc.property(position, (s) => {
        const v = decimalValue(s);
        const canonical = /^(0|[1-9]\d*)$/.test(s) && s.length <= 15;
        expect(Number.isNaN(v)).toBe(!canonical);
        if (canonical) expect(String(v)).toBe(s);
      }),
    );
  });

  test('every value reads back exactly as pushed, canonical or not', () => {
    fc.assert(
      fc.property(fc.array(envelope, { maxLength: 40 }), (envs) => {
        const c = new TrailColumns();
        const payloads = envs.map((_, i) => ({ n: i }));
        envs.forEach((e, i) => c.push(e, payloads[i]));
        expect(c.length).toBe(envs.length);
        envs.forEach((e, i) => {
          expect(c.position(i)).toBe(e.position);
          expect(c.stream(i)).toBe(e.stream);
          expect(c.type(i)).toBe(e.type);
          expect(c.hash(i)).toBe(e.hash);
          expect(c.actor(i)).toBe(e.meta.actor);
          expect(c.role(i)).toBe(e.meta.role);
          expect(c.occurredAt(i)).toBe(e.meta.occurredAt);
          expect(c.recordedAt(i)).toBe(e.meta.recordedAt);
          expect(c.payload(i)).toBe(payloads[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('a stream reads back as pushed, whether the payload names it or not', () => {
    // Types whose payload names their stream (`risk-<riskId>`, `action-<actionId>`,
    // `programme-<programmeId>`) and one whose does not, with streams that are or are
    // nearly the payload's, and payloads without the id or with another value there.
    const id = fc.constantFrom('equal-pay', 'x', '', 'risk-x', 'pay');
    const row = fc.record({
      type: fc.constantFrom('RiskRescored', 'ActionCompleted', 'MeetingRecorded', 'LedgerSealed'),
      stream: fc.oneof(
        fc
          .tuple(fc.constantFrom('risk-', 'action-', 'programme-', 'risk', 'Risk-', ''), id)
          .map(([p, i]) => p + i),
        name,
      ),
      payload: fc.oneof(
        fc.record({ riskId: id }),
        fc.record({ actionId: id, riskId: id }),
        fc.record({ programmeId: fc.oneof(id, fc.integer()) }),
        fc.constantFrom(null, 'risk-x', 7, {}),
      ),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const c = new TrailColumns();
        rows.forEach((r, i) =>
          c.push(
            {
              position: String(i),
              stream: r.stream,
              type: r.type,
              hash: '',
              meta: { actor: 'a', role: 'r', occurredAt: '', recordedAt: '' },
            },
            r.payload,
          ),
        );
        rows.forEach((r, i) => {
          expect(c.stream(i)).toBe(r.stream);
          expect(c.payload(i)).toBe(r.payload);
        });
      }),
      { numRuns: 500 },
    );
  });

  test('instants repeated row after row read back as pushed, canonical or not', () => {
    // A few instants, so that rows repeat the last one (kept, not parsed again) and change.
    const few = fc.constantFrom(
      '2019-03-12T00:00:00.000Z',
      '2019-03-13T00:00:00.000Z',
      '2019-03-12T24:00:00.000Z',
      '2019-02-29T00:00:00.000Z',
      'not an instant',
    );
    const row = fc.record({ occurredAt: few, recordedAt: few });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (times) => {
        const c = new TrailColumns();
        times.forEach((m, i) =>
          c.push(
            {
              position: String(i),
              stream: 's',
              type: 'RiskRescored',
              hash: '',
              meta: { actor: 'a', role: 'r', ...m },
            },
            null,
          ),
        );
        times.forEach((m, i) => {
          expect(c.occurredAt(i)).toBe(m.occurredAt);
          expect(c.recordedAt(i)).toBe(m.recordedAt);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('grows past its first capacity and across chunks without losing rows', () => {
    const c = new TrailColumns();
    const n = 40_000; // more than two chunks of rows
    const at = (i: number) => ({
      // A non-canonical position now and then: kept verbatim, whichever chunk it is in.
      position: i % 9_999 === 7 ? `00${i}` : String(i * 531),
      stream: `risk-${i % 7}`,
      type: i % 2 === 0 ? 'RiskRescored' : 'ActionCompleted',
      hash: i.toString(16).padStart(64, '0'),
      meta: {
        actor: i % 3 === 0 ? 'officer-cfo' : 'auditor-gt',
        role: 'officer',
        occurredAt: new Date(Date.UTC(2019, 2, 12) + i * 60000).toISOString(),
        recordedAt: new Date(Date.UTC(2019, 2, 20) + i * 1000).toISOString(),
      },
    });
    for (let i = 0; i < n; i++) c.push(at(i), i);
    expect(c.length).toBe(n);
    for (const i of [0, 7, 63, 64, 65, 16383, 16384, 20005, 32767, 32768, n - 1]) {
      const e = at(i);
      expect([
        c.position(i),
        c.stream(i),
        c.type(i),
        c.hash(i),
        c.actor(i),
        c.role(i),
        c.occurredAt(i),
        c.recordedAt(i),
        c.payload(i),
      ]).toEqual([
        e.position,
        e.stream,
        e.type,
        e.hash,
        e.meta.actor,
        e.meta.role,
        e.meta.occurredAt,
        e.meta.recordedAt,
        i,
      ]);
    }
  });
});

describe('trail state over columns', () => {
  const riskClosed = (reason: string): ProjectionEvent => {
    const r = decodeProjectionEvent('RiskClosed', 1, { riskId: 'equal-pay', reason });
    if (E.isLeft(r)) throw new Error('the fixture does not decode');
    return r.right;
  };

  const envelope = (type: string, position: string): Envelope => ({
    position,
    stream: 'risk-equal-pay',
    revision: 0,
    eventId: `ev-${position}`,
    type,
    schemaVersion: 1,
    data: { riskId: 'equal-pay', reason: 'Settlement agreed' },
    meta: {
      actor: 'officer-cfo',
      role: 'officer',
      occurredAt: '2019-03-12T00:00:00.000Z',
      recordedAt: '2019-03-20T10:15:02.311Z',
      correlationId: 'c-1',
      causationId: 'c-1',
    },
    prevHash: '0'.repeat(64),
    hash: 'ab'.repeat(32),
  });

  test('a row shows the stored type and the summary of the event as decoded', () => {
    const trail = new TrailState();
    const stored = envelope('RiskSettled', '17');
    const decoded = riskClosed('Settlement agreed');
    trail.push(stored, decoded);
    expect(trail.row(0)).toEqual({
      position: '17',
      recordedAt: '2019-03-20T10:15:02.311Z',
      occurredAt: '2019-03-12T00:00:00.000Z',
      actor: 'officer-cfo',
      role: 'officer',
      stream: 'risk-equal-pay',
      type: 'RiskSettled',
      summary: summarize(decoded),
      reason: 'Settlement agreed',
      evidence: [],
      hash: 'ab'.repeat(32),
    });
    expect(trail.row(1)).toBeUndefined();
  });

  test('rows given first (a snapshot), then folded ones, in order', () => {
    const first = new TrailState();
    const event = riskClosed('Settled');
    first.push(envelope('RiskClosed', '3'), event);
    const trail = TrailState.of(first.rows());
    trail.push(envelope('RiskClosed', '9'), event);
    expect([...trail].map((r) => r.position)).toEqual(['3', '9']);
    expect(trail.length).toBe(2);
    expect(trail.rows()).toEqual([first.row(0), trail.row(1)]);
  });
});
