// The input limits of commands: texts without control characters (but tab, LF, CR),
// dates from 1900-01-01 to 2199-12-31, at their boundaries; events read without them.
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  EARLIEST_DATE,
  LATEST_DATE,
  MAX_ID_CHARS,
  MAX_TEXT_BYTES,
  commandCodecs,
  commandTypes,
  compileGuard,
  domainModel,
  idProblem,
  textProblem,
} from '@assure/domain';
import { riskIdentifiedSample } from '@assure/domain/testing';
import { arbitraryOf } from './arbitraries';

const close = (reason: string) => ({ type: 'CloseRisk', data: { riskId: 'equal-pay', reason } });
const review = (nextReviewOn: string) => ({
  type: 'RescoreRisk',
  data: { riskId: 'equal-pay', likelihood: 3, impact: 4, rationale: 'x', nextReviewOn },
});

/** The field errors of a refused command. */
const errorsOf = (input: unknown) => {
  const r = domainModel.decodeCommand(input);
  if (E.isRight(r)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(r.right)}`);
  return r.left.errors;
};

/** Every Unicode control character (category Cc) other than tab, line feed, carriage return. */
const refusedControls = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 9 && c !== 10 && c !== 13),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
];
const controlArb = fc.constantFrom(...refusedControls).map((c) => String.fromCharCode(c));
const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('input limits of commands', () => {
  test('each control character but tab, LF, CR is refused, naming the field and its index', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        controlArb,
        fc.string({ maxLength: 20 }),
        (a, ctl, b) => {
          const reason = `x${a}${ctl}${b}`;
          const at = reason.indexOf(ctl);
          expect(errorsOf(close(reason))).toEqual([
            {
              path: 'data.reason',
              message: `control character ${hex(ctl.charCodeAt(0))} at ${at}`,
            },
          ]);
        },
      ),
    );
    expect(errorsOf(close('Settled\u0000'))).toEqual([
      { path: 'data.reason', message: 'control character U+0000 at 7' },
    ]);
  });

  test('tab, line feed and carriage return are allowed in text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('\t', '\n', '\r', 'a', ' ', 'é', '😀')), (parts) => {
        expect(E.isRight(domainModel.decodeCommand(close(`Settled${parts.join('')}`)))).toBe(true);
      }),
    );
  });

  test('short texts, URIs and evidence titles are limited too', () => {
    const identify = riskIdentifiedSample({ category: 'Finan\u0007cial' });
    expect(errorsOf({ type: 'IdentifyRisk', data: identify })).toEqual([
      { path: 'data.category', message: 'control character U+0007 at 5' },
    ]);
    expect(
      errorsOf({
        type: 'ClaimImplementation',
        data: {
          recommendationId: 'rec-1',
          summary: 'x',
          evidence: [{ uri: 'https://x/\u0000' }, { uri: 'https://y', title: 'T\u001b[31m' }],
        },
      }),
    ).toEqual([
      { path: 'data.evidence[0].uri', message: 'control character U+0000 at 10' },
      { path: 'data.evidence[1].title', message: 'control character U+001B at 1' },
    ]);
  });

  test('dates: 1900-01-01 and 2199-12-31 ok, 1899-12-31 and 2200-01-01 refused', () => {
    expect([EARLIEST_DATE, LATEST_DATE]).toEqual(['1900-01-01', '2199-12-31']);
    for (const ok of ['1900-01-01', '2199-12-31'])
      expect(E.isRight(domainModel.decodeCommand(review(ok)))).toBe(true);
    for (const bad of ['1899-12-31', '2200-01-01', '0000-01-01', '2999-12-31'])
      expect(errorsOf(review(bad))).toEqual([
        {
          path: 'data.nextReviewOn',
          message: `expected a date from 1900-01-01 to 2199-12-31, got ${bad}`,
        },
      ]);
    const inside = fc.date({
      min: new Date('1900-01-01T00:00:00.000Z'),
      max: new Date('2199-12-31T00:00:00.000Z'),
      noInvalidDate: true,
    });
    const outside = fc.oneof(
      fc.date({
        min: new Date('0000-01-01T00:00:00.000Z'),
        max: new Date('1899-12-31T00:00:00.000Z'),
        noInvalidDate: true,
      }),
      fc.date({
        min: new Date('2200-01-01T00:00:00.000Z'),
        max: new Date('9999-12-31T00:00:00.000Z'),
        noInvalidDate: true,
      }),
    );
    fc.assert(fc.property(inside, (d) => E.isRight(domainModel.decodeCommand(review(day(d))))));
    fc.assert(fc.property(outside, (d) => E.isLeft(domainModel.decodeCommand(review(day(d))))));
  });

  test('events are read without the input limits (old events stay readable)', () => {
    const old = { riskId: 'equal-pay', reason: 'Settled\u0000 in 2999' };
    expect(E.isRight(domainModel.decodeEvent('RiskClosed', 1, old))).toBe(true);
    const reviewed = {
      riskId: 'equal-pay',
      likelihood: 3,
      impact: 4,
      rationale: 'x',
      current: { likelihood: 3, impact: 4 },
      nextReviewOn: '2999-01-01',
    };
    expect(E.isRight(domainModel.decodeEvent('RiskReviewed', 1, reviewed))).toBe(true);
  });
});

describe('compiled guards of the command codecs', () => {
  const bad = fc.constantFrom<unknown>(
    'x\u0000',
    'ok\tline\r\n',
    '\u0085',
    '1899-12-31',
    '1900-01-01',
    '2199-12-31',
    '2200-01-01',
    'https://x/\u0001',
    [{ uri: 'https://x/\u0000' }],
    [{ uri: 'https://x', title: 'a\u007f' }],
  );
  test('agree with the codec is() on valid data and on data with a value at or past a limit', () => {
    for (const type of commandTypes) {
      const codec = commandCodecs[type];
      const guard = compileGuard(codec);
      fc.assert(
        fc.property(arbitraryOf(codec), fc.nat(), bad, (valid, i, value) => {
          const rec = { ...(valid as Record<string, unknown>) };
          expect(guard(rec)).toBe(true);
          const keys = Object.keys(rec);
          if (keys.length === 0) return;
          rec[keys[i % keys.length] as string] = value;
          expect(guard(rec)).toBe(codec.is(rec));
        }),
        { numRuns: 25 },
      );
    }
  });
});

describe('textProblem and idProblem', () => {
  test('64 KiB of UTF-8 ok, one byte more refused (1, 2, 3 and 4-byte characters)', () => {
    expect(MAX_TEXT_BYTES).toBe(65536);
    const utf8 = new TextEncoder();
    const widths = ['a', 'é', '€', '😀'];
    expect(widths.map((ch) => utf8.encode(ch).length)).toEqual([1, 2, 3, 4]);
    // Each character repeated up to the limit, topped up with 'a'.
    for (const ch of widths) {
      const fill = ch.repeat(Math.floor(MAX_TEXT_BYTES / utf8.encode(ch).length));
      const full = fill + 'a'.repeat(MAX_TEXT_BYTES - utf8.encode(fill).length);
      expect(utf8.encode(full)).toHaveLength(MAX_TEXT_BYTES);
      expect(textProblem(full)).toBeUndefined();
      expect(textProblem(`${full}a`)).toBe(`longer than 65536 bytes of UTF-8 (65537)`);
    }
  });

  test('an unpaired surrogate is refused (it has no UTF-8 form)', () => {
    expect(textProblem('a\ud800')).toBe('unpaired surrogate U+D800 at 1');
    expect(textProblem('\udc00b')).toBe('unpaired surrogate U+DC00 at 0');
    expect(textProblem('a\ud83d\ude00')).toBeUndefined();
  });

  test('ids: 200 characters ok, 201 refused; empty and control characters refused', () => {
    expect(MAX_ID_CHARS).toBe(200);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: printable }), (id) => {
        expect(idProblem(id)).toBeUndefined();
        expect(idProblem(id.padEnd(201, 'y'))).toBe('longer than 200 characters (201)');
      }),
    );
    expect(idProblem('')).toBe('expected a non-empty string');
    expect(idProblem('cmd\u00001')).toBe('control character U+0000 at 3');
    expect(idProblem('cmd\t1')).toBeUndefined();
  });
});
