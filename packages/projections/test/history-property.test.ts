import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { eventCategory, score, streamOfEvent, type DomainEvent } from '@assure/domain';
import { createMemoryStore, type Envelope } from '@assure/event-store';
import { decodeProjectionEvent, entityViews, Projector } from '@assure/projections';
import { generateHistory } from '@assure/testing';

// The history view against a straightforward reference fold written here: one item per
// `streamOfEvent`, one `{ on, event }` per tracked event, the few facts each type sets. The
// logs include events appended under a stream that is not their item's (the view then keys
// them by the item's name, as the reference does).

interface Item {
  baselineDueOn: string | null;
  awaitingDate: boolean;
  reopenedOn: string | null;
  claimedOn: string | null;
  revisionApprovers: string[];
  updates: { on: string; event: string }[];
  scores: { on: string; score: number }[];
  appetite: string | null;
  tolerance: { likelihood: number; impact: number } | null;
  controls: { controlId: string; effectiveness: string | null }[];
  mitigatingActions: string[];
}

const blank = (): Item => ({
  baselineDueOn: null,
  awaitingDate: false,
  reopenedOn: null,
  claimedOn: null,
  revisionApprovers: [],
  updates: [],
  scores: [],
  appetite: null,
  tolerance: null,
  controls: [],
  mitigatingActions: [],
});

function referenceStep(h: Item, e: DomainEvent, on: string): void {
  if (e.type === 'RecommendationReopened' || e.type === 'ActionReopened') {
    h.reopenedOn = on;
    h.baselineDueOn = on;
    h.awaitingDate = true;
  }
  if (e.type === 'RecommendationDueDateRevised' || e.type === 'ActionDueDateRevised') {
    h.revisionApprovers.push(e.data.approvedBy);
    if (h.awaitingDate) {
      h.baselineDueOn = e.data.dueOn;
      h.awaitingDate = false;
    }
  }
  if (e.type === 'ImplementationClaimed') h.claimedOn = on;
  if (e.type === 'ImplementationVerified' || e.type === 'ImplementationNotVerified')
    h.claimedOn = null;
  if (e.type === 'RiskIdentified') {
    h.scores.push({ on, score: score(e.data.inherent) });
    h.appetite = e.data.appetite ?? null;
    const t = e.data.tolerance;
    h.tolerance = t === undefined ? null : { likelihood: t.likelihood, impact: t.impact };
  }
  if (e.type === 'RiskControlAdded')
    h.controls.push({ controlId: e.data.controlId, effectiveness: e.data.effectiveness ?? null });
  if (e.type === 'MitigatingActionLinked') h.mitigatingActions.push(e.data.actionId);
  if (e.type === 'RiskRescored') h.scores.push({ on, score: e.data.likelihood * e.data.impact });
  h.updates.push({ on, event: e.type });
}

function referenceFold(envelopes: readonly Envelope[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const env of envelopes) {
    const d = decodeProjectionEvent(env.type, env.schemaVersion, env.data);
    if (E.isLeft(d)) throw new Error('undecodable');
    const e = d.right;
    const c = eventCategory[e.type];
    if (c !== 'recommendation' && c !== 'action' && c !== 'risk') continue;
    const key = streamOfEvent(e);
    const h = out.get(key) ?? blank();
    out.set(key, h);
    referenceStep(h, e, env.meta.occurredAt.slice(0, 10));
  }
  return out;
}

async function logOf(seed: number, n: number, misfiled: number) {
  const store = createMemoryStore();
  let i = 0;
  for (const { stream, event } of generateHistory(n, { seed, backdated: 0.2 })) {
    // Every `misfiled`-th event goes to a stream that is not its item's (a near miss of it).
    const to = misfiled > 0 && i++ % misfiled === 0 ? `${stream}x` : stream;
    const r = await store.append(to, [event], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const envelopes: Envelope[] = [];
  for await (const e of store.readAll()) envelopes.push(e);
  return { store, envelopes };
}

describe('the history view equals a reference fold', () => {
  it('on random histories, some events under another stream than their item', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 0, max: 9 }),
        async (seed, n, misfiled) => {
          const { store, envelopes } = await logOf(seed, n, misfiled);
          const r = await new Projector(entityViews, { decode: decodeProjectionEvent }).catchUp(
            store,
          )();
          if (E.isLeft(r)) throw new Error(r.left.message);
          const expected = referenceFold(envelopes);
          expect([...r.right.states.history.entries()]).toEqual([...expected.entries()]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
