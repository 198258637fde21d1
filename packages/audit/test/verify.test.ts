import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  ENVELOPE_FIELDS,
  Envelope,
  chainEvent,
  computeEventHash,
  isEnvelopeFast as isEnvelope,
} from '@assure/event-store';
import { verifyExport, verifyLines, type VerifyReport } from '@assure/audit';
import { buildLog, chunked, exportText, positionOf, rewriteHistory } from './fixtures';

const verifyText = (
  text: string,
  witness?: { treeSize: number; root: string },
): Promise<VerifyReport> => verifyExport(chunked(text), witness === undefined ? {} : { witness });

const first = (r: VerifyReport) => r.failures[0];

describe('verify: an untouched export', () => {
  it('passes with every count, root and seal reported', async () => {
    const log = buildLog({ sealAfter: [6, 12] });
    const r = await verifyText(exportText(log));
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({
      ok: true,
      events: log.length,
      treeSize: log.length,
      sealsChecked: 2,
      witnessed: false,
    });
    expect(r.streams).toBe(new Set(log.map((e) => e.stream)).size);
    // The last seal is at index 12 (it closed the first 12 events): 3 events after it.
    expect(r.unsealedTail).toBe(log.length - 13);
    // The same log as plain lines, without a header.
    const r2 = await verifyLines(log.map((e) => JSON.stringify(e)));
    expect(r2.ok).toBe(true);
    expect(r2.root).toBe(r.root);
  });

  it('checks a witnessed root and counts the events after it', async () => {
    const log = buildLog({ sealAfter: [8] });
    const full = await verifyText(exportText(log));
    const seal = log[8]!;
    expect(seal.type).toBe('LedgerSealed');
    const witness = { treeSize: 8, root: String(seal.data['root']) };
    const r = await verifyText(exportText(log), witness);
    expect(r).toMatchObject({ ok: true, witnessed: true, unsealedTail: log.length - 9 });
    // A witness of the whole log leaves nothing to the chains alone.
    const all = await verifyText(exportText(log), { treeSize: full.treeSize, root: full.root });
    expect(all).toMatchObject({ ok: true, witnessed: true, unsealedTail: 0 });
  });

  it('with no seal and no witness, says every event rests on the chains alone', async () => {
    const log = buildLog();
    const r = await verifyText(exportText(log));
    expect(r).toMatchObject({
      ok: true,
      sealsChecked: 0,
      witnessed: false,
      unsealedTail: log.length,
    });
  });

  it('decodes payloads with the domain decoder when given one', async () => {
    const log = buildLog();
    const decodeEvent = (type: string, _v: number, data: unknown) =>
      type === 'RiskRescored' && typeof data === 'object' && data !== null && 'rationale' in data
        ? E.left({ message: 'rationale too long' })
        : E.right(data);
    const r = await verifyExport(chunked(exportText(log)), { decodeEvent });
    const bad = log.find((e) => e.type === 'RiskRescored')!;
    expect(first(r)).toMatchObject({
      reason: 'decode-failed',
      position: bad.position,
      stream: bad.stream,
      revision: bad.revision,
    });
  });
});

/** Replaces the envelope at an index, keeping everything else byte for byte. */
const edit = (log: readonly Envelope[], i: number, f: (e: Envelope) => Envelope): Envelope[] =>
  log.map((e, k) => (k === i ? f(e) : e));
const indexOf = (log: readonly Envelope[], p: (e: Envelope) => boolean): number => {
  const i = log.findIndex(p);
  if (i < 0) throw new Error('no such event');
  return i;
};

describe('verify: tampering with an export (each caught at the first failing position)', () => {
  const log = buildLog({ sealAfter: [7, 12] });

  it('one changed field of one event: hash-mismatch at that event', async () => {
    const i = indexOf(log, (e) => e.type === 'RiskRescored');
    const t = edit(log, i, (e) => ({ ...e, data: { ...e.data, likelihood: 2 } }));
    const r = await verifyText(exportText(t));
    expect(r.ok).toBe(false);
    expect(first(r)).toMatchObject({
      reason: 'hash-mismatch',
      position: log[i]!.position,
      stream: 'risk-equal-pay',
      revision: 1,
    });
    // The next seal also no longer matches: the event's hash did not change, but had it been
    // recomputed the chain would break; here the leaf is the stored hash, so seals still hold.
    expect(r.failures.every((f) => f.position === log[i]!.position)).toBe(true);
  });

  it('a changed meta field (who did it): hash-mismatch', async () => {
    const i = indexOf(log, (e) => e.type === 'ActionCompleted');
    const t = edit(log, i, (e) => ({ ...e, meta: { ...e.meta, actor: 'officer-someone-else' } }));
    expect(first(await verifyText(exportText(t)))).toMatchObject({
      reason: 'hash-mismatch',
      position: log[i]!.position,
    });
  });

  it('an event deleted inside a stream: chain-broken at the next event of that stream', async () => {
    const i = indexOf(log, (e) => e.stream === 'programme-bcc' && e.revision === 1);
    const next = indexOf(log, (e) => e.stream === 'programme-bcc' && e.revision === 2);
    const t = log.filter((_, k) => k !== i);
    const r = await verifyText(exportText(t, t.length));
    expect(first(r)).toMatchObject({
      reason: 'chain-broken',
      position: log[next]!.position,
      stream: 'programme-bcc',
      revision: 2,
    });
    expect(r.failures.map((f) => f.reason)).toContain('revision-gap');
  });

  it('events reordered inside a stream: chain-broken where the order breaks', async () => {
    const a = indexOf(log, (e) => e.stream === 'programme-bcc' && e.revision === 1);
    const b = indexOf(log, (e) => e.stream === 'programme-bcc' && e.revision === 2);
    // Swap the two bodies, keep the positions in their slots.
    const t = log.map((e, k) =>
      k === a
        ? { ...log[b]!, position: e.position }
        : k === b
          ? { ...log[a]!, position: e.position }
          : e,
    );
    const r = await verifyText(exportText(t));
    expect(first(r)).toMatchObject({
      reason: 'chain-broken',
      position: log[a]!.position,
      stream: 'programme-bcc',
      revision: 2,
    });
  });

  it("a stream's last event deleted: seal-mismatch at the next seal", async () => {
    // recommendation-kerslake-01 ends at revision 1 (index 10); the next seal is at index 12.
    const i = indexOf(log, (e) => e.stream === 'recommendation-kerslake-01' && e.revision === 1);
    const seal = indexOf(
      log,
      (e) => e.type === 'LedgerSealed' && Number(e.data['treeSize']) === 12,
    );
    expect(i).toBeLessThan(seal);
    const t = log.filter((_, k) => k !== i);
    const r = await verifyText(exportText(t, t.length));
    expect(r.ok).toBe(false);
    expect(first(r)).toMatchObject({
      reason: 'seal-mismatch',
      position: log[seal]!.position,
      stream: 'ledger-seals',
    });
  });

  it('a forged new stream inserted: seal-mismatch at the next seal', async () => {
    const at = 9; // between two events, before the seal at index 12
    const forged: Envelope = {
      position: String(Number(log[at - 1]!.position) + 1),
      ...chainEvent(
        'risk-forged',
        0,
        '0'.repeat(64),
        {
          eventId: 'evt-forged',
          type: 'RiskClosed',
          schemaVersion: 1,
          data: { riskId: 'forged', reason: 'never existed' },
          meta: {
            actor: 'officer-cfo',
            role: 'officer',
            occurredAt: '2015-06-01T00:00:00.000Z',
            recordedAt: '2015-06-01T00:00:00.000Z',
          },
        },
        'x',
      ),
    };
    const t = [...log.slice(0, at), forged, ...log.slice(at)];
    const r = await verifyText(exportText(t, t.length));
    const seal = indexOf(
      log,
      (e) => e.type === 'LedgerSealed' && Number(e.data['treeSize']) === 12,
    );
    expect(first(r)).toMatchObject({ reason: 'seal-mismatch', position: log[seal]!.position });
  });

  it('an event moved to another stream (rechained there): seal-mismatch at the next seal', async () => {
    // The last event of recommendation-kerslake-01 (index 11) becomes revision 2 of risk-equal-pay.
    const i = indexOf(log, (e) => e.type === 'RecommendationResponded');
    const tipOfTarget = log.filter((e, k) => k < i && e.stream === 'risk-equal-pay').pop()!;
    const t = edit(log, i, (e) => ({
      position: e.position,
      ...chainEvent(
        'risk-equal-pay',
        tipOfTarget.revision + 1,
        tipOfTarget.hash,
        e,
        e.meta.recordedAt,
      ),
    }));
    const seal = indexOf(
      log,
      (e) => e.type === 'LedgerSealed' && Number(e.data['treeSize']) === 12,
    );
    const r = await verifyText(exportText(t));
    expect(first(r)).toMatchObject({ reason: 'seal-mismatch', position: log[seal]!.position });
  });

  it('the tail cut mid-line, or lines dropped: truncated', async () => {
    const text = exportText(log);
    const cut = await verifyText(text.slice(0, text.length - 40));
    expect(cut.failures.map((f) => f.reason)).toContain('truncated');
    expect(cut.ok).toBe(false);
    const dropped = await verifyText(exportText(log.slice(0, -3), log.length));
    expect(dropped.failures.map((f) => f.reason)).toEqual(['truncated']);
  });

  it('the tail cut and the header fixed: caught by a witnessed root, not by the log', async () => {
    const full = await verifyText(exportText(log));
    const witness = { treeSize: full.treeSize, root: full.root };
    const short = log.slice(0, -2);
    expect((await verifyText(exportText(short))).ok).toBe(true);
    const r = await verifyText(exportText(short), witness);
    expect(first(r)).toMatchObject({ reason: 'root-mismatch' });
    expect(r.witnessed).toBe(false);
  });

  it('the whole history rewritten with every hash and seal recomputed: only a witnessed root catches it', async () => {
    const sealIdx = indexOf(
      log,
      (e) => e.type === 'LedgerSealed' && Number(e.data['treeSize']) === 12,
    );
    const witness = { treeSize: 12, root: String(log[sealIdx]!.data['root']) };
    const i = indexOf(log, (e) => e.type === 'RiskRescored');
    const forged = rewriteHistory(
      edit(log, i, (e) => ({ ...e, data: { ...e.data, likelihood: 1, impact: 1 } })),
    );
    const blind = await verifyText(exportText(forged));
    expect(blind).toMatchObject({ ok: true, witnessed: false });
    const r = await verifyText(exportText(forged), witness);
    expect(r.ok).toBe(false);
    expect(first(r)).toMatchObject({ reason: 'root-mismatch', position: log[11]!.position });
    // The honest log passes with the same witness, and says what only the chains protect.
    const honest = await verifyText(exportText(log), witness);
    expect(honest).toMatchObject({ ok: true, witnessed: true, unsealedTail: log.length - 13 });
  });

  it('a duplicated event id and positions out of order', async () => {
    const dup = edit(log, 3, (e) => ({ ...e, eventId: log[1]!.eventId }));
    expect(first(await verifyText(exportText(dup)))).toMatchObject({
      reason: 'duplicate-event-id',
      position: log[3]!.position,
    });
    const order = edit(log, 4, (e) => ({ ...e, position: positionOf(2) }));
    expect(first(await verifyText(exportText(order)))).toMatchObject({
      reason: 'position-order',
      position: positionOf(2),
    });
  });

  it('an unreadable line: decode-failed with its line number', async () => {
    const text = exportText(log).split('\n');
    text[3] = '{"position": "1014", "stream": ';
    const r = await verifyText(text.join('\n'));
    expect(first(r)).toMatchObject({ reason: 'decode-failed', line: 4 });
    const extra = edit(log, 2, (e) => ({ ...e, extra: 1 }) as Envelope);
    expect(first(await verifyText(exportText(extra)))).toMatchObject({
      reason: 'decode-failed',
      position: log[2]!.position,
    });
  });

  it('a hash recomputed for a changed event breaks the chain of the next one', async () => {
    const i = indexOf(log, (e) => e.stream === 'risk-equal-pay' && e.revision === 0);
    const t = edit(log, i, (e) => {
      const changed = { ...e, data: { ...e.data, owner: 'officer-nobody' } };
      return { ...changed, hash: computeEventHash(changed) };
    });
    const next = indexOf(log, (e) => e.stream === 'risk-equal-pay' && e.revision === 1);
    const r = await verifyText(exportText(t));
    // The seal at 7 covers the changed event: it fails first, then the chain at the next event.
    expect(r.failures.map((f) => [f.reason, f.position])).toEqual([
      ['seal-mismatch', log[7]!.position],
      ['chain-broken', log[next]!.position],
      [
        'seal-mismatch',
        log[indexOf(log, (e) => e.type === 'LedgerSealed' && Number(e.data['treeSize']) === 12)]!
          .position,
      ],
    ]);
  });
});

describe('the fast envelope guard', () => {
  it('accepts exactly what the Envelope codec accepts', () => {
    const log = buildLog({ sealAfter: [5] });
    const mutations = fc.oneof(
      fc.constant((e: Record<string, unknown>) => e),
      fc
        .tuple(fc.constantFrom(...ENVELOPE_FIELDS, 'extra'), fc.jsonValue({ maxDepth: 1 }))
        .map(([k, v]) => (e: Record<string, unknown>) => ({ ...e, [k]: v })),
      fc
        .constantFrom('position', 'stream', 'hash', 'meta')
        .map((k) => (e: Record<string, unknown>) => {
          const c = { ...e };
          delete c[k];
          return c;
        }),
      fc
        .tuple(
          fc.constantFrom(
            'actor',
            'role',
            'occurredAt',
            'recordedAt',
            'commandId',
            'causationId',
            'backfill',
            'other',
          ),
          fc.oneof(
            fc.jsonValue({ maxDepth: 0 }),
            fc.constantFrom(
              '2019-02-29T00:00:00.000Z',
              '2020-02-29T23:59:59.999Z',
              '2019-04-31T00:00:00.000Z',
              '2019-01-01T24:00:00.000Z',
              '2019-1-01T00:00:00.000Z',
              '0000-01-01T00:00:00.000Z',
              '',
            ),
          ),
        )
        .map(([k, v]) => (e: Record<string, unknown>) => ({
          ...e,
          meta: { ...(e['meta'] as object), [k]: v },
        })),
      fc
        .constantFrom(
          '0',
          '01',
          '12a',
          'Risk-x',
          'a'.repeat(129),
          'ledger-seals',
          'A'.repeat(64),
          'g'.repeat(64),
        )
        .chain((v) =>
          fc
            .constantFrom('position', 'stream', 'prevHash')
            .map((k) => (e: Record<string, unknown>) => ({ ...e, [k]: v })),
        ),
    );
    fc.assert(
      fc.property(fc.nat(log.length - 1), mutations, (i, m) => {
        const u = JSON.parse(JSON.stringify(m({ ...log[i]! })));
        expect(isEnvelope(u)).toBe(Envelope.is(u));
      }),
      { numRuns: 3000 },
    );
  });
});
