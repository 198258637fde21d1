// The input limits at the command handler: meta ids (200 characters), valid and
// transaction times (1900-2199), and every text of any model's command (64 KiB of UTF-8, no
// control character but tab, LF, CR): each refused as ValidationFailed naming the field,
// with nothing written.
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { domainModel, type DomainModel } from '@assure/domain';
import {
  ChainTracker,
  createCommandHandler,
  createMemoryStore,
  decodeCommandMeta,
  inputTextErrors,
  type CommandMeta,
} from '@assure/event-store';
import { collect, counterModel, eventBeforeTheLimits, sequentialIds } from '@assure/testing';

type CounterModel =
  typeof counterModel extends DomainModel<infer C, infer V, infer S, infer Err>
    ? DomainModel<C, V, S, Err>
    : never;

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** The counter model, whose commands may also carry a free `note` of any length (dropped). */
const notedModel: CounterModel = {
  ...counterModel,
  decodeCommand: (u) => {
    if (!isRecord(u) || !isRecord(u['data'])) return counterModel.decodeCommand(u);
    const { note: _note, ...data } = u['data'];
    return counterModel.decodeCommand({ type: u['type'], data });
  },
};

const admin = { actor: 'admin-bcc', role: 'admin' };
const open = (note?: string) => ({
  type: 'OpenCounter',
  data: note === undefined ? { counterId: 'c', limit: 5 } : { counterId: 'c', limit: 5, note },
});

function setup() {
  const store = createMemoryStore();
  const handler = createCommandHandler({
    store,
    model: notedModel,
    clock: () => new Date('2019-04-01T09:30:00.000Z'),
    ids: sequentialIds('id'),
  });
  return { store, handler };
}

/** Handles one command; returns its field errors (none when it was applied) and the log. */
async function attempt(input: unknown, meta: Record<string, unknown>) {
  const { store, handler } = setup();
  const r = await handler.handleUnknown(input, meta as unknown as CommandMeta)();
  const log = await collect(store.readAll());
  if (E.isRight(r)) return { errors: [], log };
  expect(r.left._tag).toBe('ValidationFailed');
  const errors = r.left._tag === 'ValidationFailed' ? r.left.errors : [];
  return { errors, log };
}

const refusedControls = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 9 && c !== 10 && c !== 13),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
].map((c) => String.fromCharCode(c));

describe('meta limits', () => {
  const ids = ['commandId', 'correlationId', 'causationId', 'actor', 'role'] as const;

  test('each id: 200 characters ok, 201 refused naming meta.<field>, nothing written', async () => {
    for (const field of ids) {
      const at200 = field === 'actor' ? 'a'.repeat(64) : 'x'.repeat(200);
      expect(E.isRight(decodeCommandMeta({ ...admin, [field]: 'x'.repeat(200) }))).toBe(true);
      const r = decodeCommandMeta({ ...admin, [field]: 'x'.repeat(201) });
      expect(r).toMatchObject({
        _tag: 'Left',
        left: {
          _tag: 'ValidationFailed',
          errors: [{ path: `meta.${field}`, message: 'longer than 200 characters (201)' }],
        },
      });
      const refused = await attempt(open(), { ...admin, [field]: 'x'.repeat(201) });
      expect(refused.errors).toEqual([
        { path: `meta.${field}`, message: 'longer than 200 characters (201)' },
      ]);
      expect(refused.log).toEqual([]);
      if (field !== 'role') {
        const applied = await attempt(open(), { ...admin, [field]: at200 });
        expect(applied.errors).toEqual([]);
        expect(applied.log).toHaveLength(1);
      }
    }
  });

  test('a 10 MB commandId is refused without writing', async () => {
    const refused = await attempt(open(), { ...admin, commandId: 'x'.repeat(10_000_000) });
    expect(refused.errors).toEqual([
      { path: 'meta.commandId', message: 'longer than 200 characters (10000000)' },
    ]);
    expect(refused.log).toEqual([]);
  });

  test('each control character in an id is refused (tab, LF, CR are not)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...refusedControls),
        fc.nat(20),
        (field, ctl, at) => {
          const id = 'x'.repeat(at) + ctl + 'y';
          const r = decodeCommandMeta({ ...admin, [field]: id });
          const code = ctl.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
          expect(r).toMatchObject({
            _tag: 'Left',
            left: {
              errors: [{ path: `meta.${field}`, message: `control character U+${code} at ${at}` }],
            },
          });
        },
      ),
    );
    for (const ws of ['\t', '\n', '\r'])
      expect(E.isRight(decodeCommandMeta({ ...admin, commandId: `a${ws}b` }))).toBe(true);
  });

  test('occurredAt and recordedAt: 1900-01-01 and 2199-12-31 ok, 1899-12-31 and 2200-01-01 refused', () => {
    const ok = (meta: object) =>
      expect(E.isRight(decodeCommandMeta({ ...admin, ...meta }))).toBe(true);
    const refused = (meta: object, path: string, day: string) =>
      expect(decodeCommandMeta({ ...admin, ...meta })).toMatchObject({
        _tag: 'Left',
        left: {
          errors: [{ path, message: `expected a date from 1900-01-01 to 2199-12-31, got ${day}` }],
        },
      });
    for (const d of ['1900-01-01', '2199-12-31', '2199-12-31T23:59:59.999Z']) ok({ occurredAt: d });
    ok({ recordedAt: '1900-01-01T00:00:00.000Z' });
    ok({ recordedAt: '2199-12-31T23:59:59.999Z' });
    refused({ occurredAt: '1899-12-31' }, 'meta.occurredAt', '1899-12-31');
    refused({ occurredAt: '2200-01-01' }, 'meta.occurredAt', '2200-01-01');
    refused({ occurredAt: '0000-01-01' }, 'meta.occurredAt', '0000-01-01');
    // The limit is on the UTC day: this instant is 2200-01-01T00:30Z.
    refused({ occurredAt: '2199-12-31T23:30:00-01:00' }, 'meta.occurredAt', '2200-01-01');
    refused({ recordedAt: '1899-12-31T23:59:59.999Z' }, 'meta.recordedAt', '1899-12-31');
    refused({ recordedAt: '2999-01-01T00:00:00.000Z' }, 'meta.recordedAt', '2999-01-01');
  });
});

describe('text limits of any model', () => {
  test('a text of 64 KiB of UTF-8 is taken, one byte more is refused, nothing written', async () => {
    for (const [ch, size] of [
      ['a', 1],
      ['é', 2],
      ['€', 3],
      ['😀', 4],
    ] as const) {
      const n = Math.floor(65536 / size);
      const full = ch.repeat(n) + 'a'.repeat(65536 - n * size);
      const applied = await attempt(open(full), admin);
      expect(applied.errors).toEqual([]);
      expect(applied.log).toHaveLength(1);
      const refused = await attempt(open(`${full}a`), admin);
      expect(refused.errors).toEqual([
        { path: 'data.note', message: 'longer than 65536 bytes of UTF-8 (65537)' },
      ]);
      expect(refused.log).toEqual([]);
    }
  });

  test('each control character in any text is refused naming its path; tab, LF, CR taken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...refusedControls), fc.nat(10), async (ctl, at) => {
        const refused = await attempt(open('n'.repeat(at) + ctl), admin);
        expect(refused.errors).toHaveLength(1);
        expect(refused.errors[0]?.path).toBe('data.note');
        expect(refused.errors[0]?.message).toMatch(
          new RegExp(`^control character U\\+[0-9A-F]{4} at ${at}$`),
        );
        expect(refused.log).toEqual([]);
      }),
      { numRuns: 60 },
    );
    const applied = await attempt(open('line one\r\n\tline two\n'), admin);
    expect(applied.log).toHaveLength(1);
  });

  test('inputTextErrors walks nested objects and arrays, naming each path', () => {
    expect(
      inputTextErrors({
        type: 'X',
        data: { a: ['ok', 'b\u0000'], b: { c: 'd\ud800' }, n: 1, t: 'fine\n' },
      }),
    ).toEqual([
      { path: 'data.a[1]', message: 'control character U+0000 at 1' },
      { path: 'data.b.c', message: 'unpaired surrogate U+D800 at 1' },
    ]);
    expect(inputTextErrors('not an object')).toEqual([]);
  });
});

describe('events stored before the limits', () => {
  it('stay readable, their hashes valid, and new commands on their streams are handled', async () => {
    const store = createMemoryStore();
    const appended = await store.append('risk-equal-pay', [eventBeforeTheLimits()], 'no-stream')();
    expect(E.isRight(appended)).toBe(true);
    const handler = createCommandHandler({
      store,
      model: domainModel,
      clock: () => new Date('2019-04-01T09:30:00.000Z'),
      ids: sequentialIds('id'),
    });
    const r = await handler.handle(
      {
        type: 'RescoreRisk',
        data: { riskId: 'equal-pay', likelihood: 4, impact: 5, rationale: 'Claims settled' },
      },
      { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12' },
    )();
    if (E.isLeft(r)) throw new Error(`expected the command handled, got ${JSON.stringify(r.left)}`);
    const log = await collect(store.readAll());
    expect(log).toHaveLength(2);
    expect(log[0]?.data).toMatchObject({ title: 'Equal pay\u0000 liabilities\u001b[0m' });
    expect(log[0]?.meta.commandId).toHaveLength(5000);
    const chains = new ChainTracker();
    expect(log.map((e) => chains.check(e))).toEqual([undefined, undefined]);
    for (const e of log)
      expect(E.isRight(domainModel.decodeEvent(e.type, e.schemaVersion, e.data))).toBe(true);
  });
});
