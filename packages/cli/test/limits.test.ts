// The input limits through the real binary: each bad line or flag exits 2 with an error
// naming the field, and nothing is written to the store.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { eventBeforeTheLimits } from '@assure/testing';
import { ADMIN, assure, ESTABLISH, flags, logLines, rescoreEqualPay, tempDir } from './run';

const meta = { actor: 'pmo-admin', role: 'admin', occurredAt: '2014-12-09' };
const programme = { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' };
const lineOf = (data: object = programme, m: object = meta) =>
  JSON.stringify({ type: 'EstablishProgramme', data, meta: m });

/** Runs `exec --json` over a file of these bytes; returns the failure and the log. */
function execBytes(bytes: Buffer | string) {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'cmds.ndjson'), bytes);
  const r = assure(cwd, ['--json', 'exec', 'cmds.ndjson']);
  const summary = JSON.parse(r.stdout) as {
    applied: number;
    failure: null | {
      line: number;
      error: { _tag: string; errors?: { path: string; message: string }[] };
    };
  };
  return { code: r.code, summary, log: logLines(cwd) };
}

/** Expects exit 2 at `line` with one error at `errorPath` whose message matches, nothing written. */
function expectRefused(bytes: Buffer | string, line: number, errorPath: string, message: RegExp) {
  const { code, summary, log } = execBytes(bytes);
  expect(code).toBe(2);
  expect(summary.failure?.line).toBe(line);
  expect(summary.failure?.error._tag).toBe('ValidationFailed');
  expect(summary.failure?.error.errors).toEqual([
    { path: errorPath, message: expect.stringMatching(message) },
  ]);
  expect(log).toEqual([]);
}

describe('assure exec: input limits', () => {
  it('a line that is not valid UTF-8 is refused (never decoded with U+FFFD)', () => {
    const good = Buffer.from(lineOf({ ...programme, title: 'Tx' }));
    const at = good.indexOf('Tx') + 1;
    good[at] = 0xff;
    expectRefused(
      Buffer.concat([good, Buffer.from('\n')]),
      1,
      '',
      /^not valid UTF-8 \(byte 0xff at offset \d+\)$/,
    );
    // A truncated sequence (the first byte of a 2-byte character) too.
    const cut = Buffer.from(lineOf({ ...programme, title: 'T\u00e9' }));
    const e = cut.indexOf(0xc3);
    const truncated = Buffer.concat([
      cut.subarray(0, e + 1),
      Buffer.from('x'),
      cut.subarray(e + 2),
    ]);
    expectRefused(truncated, 1, '', /^not valid UTF-8 \(byte 0x78 at offset \d+\)$/);
  });

  it('a key repeated in an object is refused naming it (the last role would win)', () => {
    const dup =
      '{"type":"EstablishProgramme","data":{"programmeId":"bcc","title":"T","body":"B","phase":"P"},' +
      '"meta":{"actor":"pmo-admin","role":"officer","role":"admin","occurredAt":"2014-12-09"}}\n';
    expectRefused(dup, 1, 'meta.role', /^duplicate key/);
    // The same key spelled with an escape is the same key.
    const escaped =
      '{"type":"EstablishProgramme","data":{"programmeId":"bcc","title":"T","\\u0074itle":"U","body":"B","phase":"P"},' +
      '"meta":{"actor":"pmo-admin","role":"admin","occurredAt":"2014-12-09"}}\n';
    expectRefused(escaped, 1, 'data.title', /^duplicate key/);
  });

  it('a 10 MB commandId is refused', () => {
    expectRefused(
      `${lineOf(programme, { ...meta, commandId: 'x'.repeat(10_000_000) })}\n`,
      1,
      'meta.commandId',
      /^longer than 200 characters \(10000000\)$/,
    );
  });

  it('a control character in a text is refused with its index; tab, LF, CR are taken', () => {
    expectRefused(
      `${lineOf({ ...programme, title: 'Impro\u0000vement' })}\n`,
      1,
      'data.title',
      /^control character U\+0000 at 5$/,
    );
    const ok = execBytes(`${lineOf({ ...programme, title: 'Line one\r\n\tLine two' })}\r\n`);
    expect(ok.code).toBe(0);
    expect(ok.log).toHaveLength(1);
  });

  it('dates outside 1900-01-01..2199-12-31 are refused, in data and in meta', () => {
    const meeting = (heldOn: string) =>
      JSON.stringify({
        type: 'RecordMeeting',
        data: {
          programmeId: 'bcc',
          bodyId: 'panel',
          meetingId: 'm-1',
          heldOn,
          attendees: [],
          observers: [],
        },
        meta,
      });
    expectRefused(`${meeting('0000-01-01')}\n`, 1, 'data.heldOn', /1900-01-01 to 2199-12-31/);
    expectRefused(`${meeting('2999-01-01')}\n`, 1, 'data.heldOn', /1900-01-01 to 2199-12-31/);
    expectRefused(
      `${lineOf(programme, { ...meta, occurredAt: '2999-01-01' })}\n`,
      1,
      'meta.occurredAt',
      /^expected a date from 1900-01-01 to 2199-12-31, got 2999-01-01$/,
    );
  });

  it('a bad line after good ones stops there: the lines before stay applied, it writes nothing', () => {
    const bad = Buffer.from(`${lineOf({ ...programme, title: 'T\u0001' })}\n`);
    const { code, summary, log } = execBytes(Buffer.concat([Buffer.from(`${lineOf()}\n`), bad]));
    expect(code).toBe(2);
    expect(summary.applied).toBe(1);
    expect(summary.failure?.line).toBe(2);
    expect(log).toHaveLength(1);
  });
});

describe('assure write commands: input limits', () => {
  // What is refused, its command line, and what stderr names.
  const refused: readonly (readonly [string, readonly string[], readonly string[]])[] = [
    [
      'a control character in a flag',
      ESTABLISH.map((a) => (a === 'Improvement programme' ? 'Improvement\u0007' : a)),
      ['data.title', 'control character U+0007 at 11'],
    ],
    [
      'a --command-id over 200 characters',
      [...ESTABLISH, '--command-id', 'c'.repeat(201)],
      ['meta.commandId'],
    ],
    [
      'an --evidence object with a repeated key',
      [
        ...ADMIN,
        'rec',
        'claim',
        ...flags({
          recommendationId: 'rec-1',
          summary: 'Done',
          evidence: '{"uri":"https://a","uri":"https://b"}',
        }),
      ],
      ['--evidence: uri: duplicate key'],
    ],
  ];
  it.each(refused)('%s is refused (exit 2), nothing written', (_what, args, named) => {
    const cwd = tempDir();
    const r = assure(cwd, args);
    expect(r.code).toBe(2);
    for (const n of named) expect(r.stderr).toContain(n);
    expect(logLines(cwd)).toEqual([]);
  });
});

describe('events stored before the limits', () => {
  it('are verified, read by views and built on by new commands through the binary', async () => {
    const cwd = tempDir();
    const opened = await openFileStore(path.join(cwd, '.assure', 'events.ndjson'))();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const store = opened.right;
    expect(
      E.isRight(await store.append('risk-equal-pay', [eventBeforeTheLimits()], 'no-stream')()),
    ).toBe(true);
    await store.close();
    const verify = assure(cwd, ['verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    const risks = assure(cwd, ['--json', 'risks']);
    expect(risks.code).toBe(0);
    expect(risks.stdout).toContain('Equal pay\\u0000 liabilities');
    const rescore = assure(
      cwd,
      rescoreEqualPay({ likelihood: '4', impact: '5', rationale: 'Claims settled' }),
    );
    expect(rescore.stderr).toBe('');
    expect(rescore.code).toBe(0);
    expect(logLines(cwd)).toHaveLength(2);
  });
});

describe('assure seal: input limits', () => {
  it('a seal dated outside 1900-2199 is refused (exit 2), nothing written', () => {
    const cwd = tempDir();
    expect(assure(cwd, ESTABLISH).code).toBe(0);
    const r = assure(cwd, [...ADMIN, 'seal', '--on', '2999-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('meta.occurredAt');
    expect(logLines(cwd)).toHaveLength(1);
    expect(assure(cwd, [...ADMIN, 'seal', '--on', '2199-12-31']).code).toBe(0);
    expect(logLines(cwd)).toHaveLength(2);
  });

  it('a SealLedger line of exec with a 201-character commandId is refused', () => {
    const seal = JSON.stringify({
      type: 'SealLedger',
      data: {},
      meta: { ...meta, commandId: 's'.repeat(201) },
    });
    expectRefused(`${seal}\n`, 1, 'meta.commandId', /^longer than 200 characters \(201\)$/);
  });
});
