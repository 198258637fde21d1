import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  createMemoryStore,
  draftEnvelope,
  GENESIS_HASH,
  storableEnvelope,
  type ProposedEvent,
} from '../src';

// The in-memory store checks only the fields a caller gives (it makes the position, revision
// and hashes itself): it must accept and refuse exactly what the durable stores' check
// (`storableEnvelope`: plain JSON, the normative codec) accepts and refuses, naming the same
// field.

const RECORDED_AT = '2019-03-12T09:30:00.000Z';

/** Mostly `valid`, now and then one of `invalid`. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...invalid: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });

const proposed: fc.Arbitrary<ProposedEvent> = fc.record({
  eventId: mostly(fc.string({ minLength: 1, maxLength: 8 }), '', 5 as unknown as string),
  type: mostly(fc.constantFrom('RiskRescored', 'RiskRaised'), ''),
  schemaVersion: mostly(fc.constantFrom(1, 2), 0, 1.5, '1' as unknown as number),
  data: mostly(
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    null as unknown as Record<string, unknown>,
    [1] as unknown as Record<string, unknown>,
  ),
  meta: fc
    .tuple(
      fc.record(
        {
          actor: mostly(fc.constantFrom('officer-cfo', 'clerk é'), '', 7 as unknown as string),
          role: mostly(fc.constant('officer'), ''),
          occurredAt: mostly(fc.constant('2019-03-12T00:00:00.000Z'), 'yesterday'),
          recordedAt: mostly(fc.constant(RECORDED_AT), '2019-02-30T00:00:00.000Z'),
          correlationId: mostly(fc.string({ minLength: 1, maxLength: 6 }), ''),
        },
        { requiredKeys: ['actor', 'role', 'occurredAt'] },
      ),
      fc.nat(12),
    )
    // Now and then a field the meta does not have.
    .map(([m, k]) => (k === 0 ? { ...m, extra: 'not a meta field' } : m)),
});

const stream = fc.oneof(
  { arbitrary: fc.constantFrom('risk-a', 'programme-bcc'), weight: 12 },
  { arbitrary: fc.constantFrom('Risk A', ''), weight: 1 },
);

test('property: the in-memory store accepts and refuses what storableEnvelope does, naming the field', async () => {
  await fc.assert(
    fc.asyncProperty(proposed, stream, async (p, name) => {
      const store = createMemoryStore({ clock: () => new Date(RECORDED_AT) });
      const place = { position: '0', stream: name, revision: 0, prevHash: GENESIS_HASH };
      const want = storableEnvelope(draftEnvelope(p, place, RECORDED_AT));
      const got = await store.append(name, [p], 'any')();
      if (E.isRight(want)) {
        expect(E.isRight(got)).toBe(true);
        expect(store.size).toBe(1);
      } else {
        expect(E.isLeft(got) && got.left._tag).toBe('StoreUnavailable');
        // The field it names is one the shared check names (which lists every bad one).
        const named = E.isLeft(got) ? /of [^:]*: ([^:]+):/.exec(got.left.message)?.[1] : '';
        const fields = want.left.split('; ').map((f) => f.split(':')[0]);
        expect(fields).toContain(named);
        expect(store.size).toBe(0);
      }
    }),
    { numRuns: 500 },
  );
});
