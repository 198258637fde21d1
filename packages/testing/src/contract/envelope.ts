import * as E from 'fp-ts/Either';
import { computeEventHash, Envelope, GENESIS_HASH, type ProposedEvent } from '@assure/event-store';
import { numberedEvents, proposedEvent } from '../fixtures';
import { chainProblems, expectStoredFrom } from './assertions';
import { appendOk, collect } from './helpers';
import { type ContractSuite } from './suite';

// The contract on what is stored: every field kept, the normative codec, own copies, hash chains.

/** Stored envelopes keep every proposed field, decode with the normative codec, and are the store's own copy. */
export function declareStoredEnvelopeTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  test('keeps every field of the proposed events and decodes with the normative codec', async (store) => {
    const proposed = [
      proposedEvent({
        data: {
          riskId: 'equal-pay',
          nested: { list: [1, 'two', null, true], text: 'Ünïcødé ✓' },
        },
        meta: { commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'cause-1' },
      }),
      proposedEvent({ type: 'RiskReviewed', schemaVersion: 2, data: {} }),
    ];
    const r = await appendOk(store, 'risk-equal-pay', proposed, 'no-stream');
    const read = await collect(store.readStream('risk-equal-pay'));
    expect(read).toEqual(r.events);
    read.forEach((e, i) => {
      expectStoredFrom(e, proposed[i] as ProposedEvent);
      const decoded = Envelope.decode(e);
      expect(E.isRight(decoded)).toBe(true);
      expect(e.stream).toBe('risk-equal-pay');
    });
  });

  test('refuses a proposed event outside the types as unavailable, naming the field; nothing written, nothing thrown', async (store) => {
    const good = proposedEvent();
    const cases: [unknown, string][] = [
      [{ ...good, eventId: 5 }, 'eventId'],
      [{ ...good, type: '' }, 'type'],
      [{ ...good, schemaVersion: '1' }, 'schemaVersion'],
      [{ ...good, data: null }, 'data'],
      [{ ...good, data: [1] }, 'data'],
      // What JSON would change without a word is refused, not converted.
      [{ ...good, data: { at: new Date(0) } }, 'data.at'],
      [{ ...good, data: { score: Number.NaN } }, 'data.score'],
      [{ ...good, meta: { ...good.meta, actor: undefined } }, 'meta.actor'],
      [{ ...good, meta: { ...good.meta, occurredAt: 'yesterday' } }, 'meta.occurredAt'],
      [
        { ...good, meta: { ...good.meta, recordedAt: '2019-02-30T00:00:00.000Z' } },
        'meta.recordedAt',
      ],
      [{ ...good, meta: null }, 'meta'],
      [null, '(the event)'],
    ];
    await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    for (const [bad, field] of cases) {
      // A JavaScript caller, or data cast past the types: the store is the last check.
      const events = [proposedEvent(), bad] as unknown as ProposedEvent[];
      const r = await store.append('risk-equal-pay', events, 'any')();
      expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
      expect(E.isLeft(r) && r.left.message).toContain(`event 1 of risk-equal-pay: ${field}:`);
    }
    expect(await collect(store.readAll())).toHaveLength(1);
  });

  test('the store keeps its own copy of the data', async (store) => {
    const data: Record<string, unknown> = { riskId: 'equal-pay', tags: ['finance'] };
    await appendOk(store, 'risk-equal-pay', [proposedEvent({ data })], 'no-stream');
    data['riskId'] = 'changed';
    (data['tags'] as string[]).push('changed');
    const [e] = await collect(store.readStream('risk-equal-pay'));
    expect(e?.data).toEqual({ riskId: 'equal-pay', tags: ['finance'] });
  });
}

/** Each stream chains from GENESIS across appends. */
export function describeHashChain(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test } = suite;
  describe('hash chain', () => {
    test('each stream chains from GENESIS across appends', async (store) => {
      await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
      await appendOk(store, 'risk-commonwealth-games', numberedEvents(1), 'no-stream');
      await appendOk(store, 'risk-equal-pay', numberedEvents(3), { revision: 1 });
      await appendOk(store, 'risk-commonwealth-games', numberedEvents(2), 'stream-exists');
      const stream = await collect(store.readStream('risk-equal-pay'));
      expect(stream[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < stream.length; i++) expect(stream[i]?.prevHash).toBe(stream[i - 1]?.hash);
      for (const e of stream) {
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(e.hash).toBe(computeEventHash(e));
      }
      expect(chainProblems(await collect(store.readAll()))).toEqual([]);
    });
  });
}
