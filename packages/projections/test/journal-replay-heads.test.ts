import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import type { Envelope } from '@assure/event-store';
import {
  entityViews,
  timeWindow,
  type EventDecoder,
  type HeadView,
  type ProjectionEvent,
  type TimeTravel,
} from '@assure/projections';
import { headViewsOf } from '../src/storage/journal-load';
import { Journal } from '../src/storage/journal';
import { atOrBefore } from '../src/view/time';
import { dayNumber } from '../src/models/trail-columns';
import { history, op, read, dayOf, instant } from './risk-history';

// A journal's replay shares one `meta` between the records of the same valid and transaction
// times, gives each envelope the day number of its valid time (worked out once per string)
// and finds the latest valid time folded among the strings: every view's state, the count
// folded and the latest valid time are those of a fold of the same envelopes, in order,
// as a log gives them (no day number). Valid times include ones that are not real days.

/**
 * The domain's decoder, or one that decodes every other closing as a reopening (a decoded
 * type that is not the record's, and not always the same for a type: routed as decoded).
 */
function decoderOf(renames: boolean): EventDecoder<ProjectionEvent> {
  let closings = 0;
  return (type, version, data) => {
    const d = decodeEvent(type, version, data);
    if (!renames || d._tag === 'Left' || d.right.type !== 'RiskClosed' || closings++ % 2 === 0)
      return d;
    return { _tag: 'Right', right: { type: 'RiskReopened', data: d.right.data } };
  };
}
const heads = headViewsOf(entityViews) as HeadView<unknown, ProjectionEvent>[];

/** Valid times that are not instants of a real day (kept as they came by the history). */
const odd = fc.constantFrom('2015-02-30T00:00:00.000Z', 'soon', '2015-01-0', '');

function envelopesOf(
  events: ReturnType<typeof history>,
  odds: readonly (string | null)[],
): Envelope[] {
  return events.map(({ stream, event }, i) => ({
    ...event,
    stream,
    revision: i,
    position: String(i + 1),
    hash: '0'.repeat(64),
    meta: { ...event.meta, occurredAt: odds[i % odds.length] ?? event.meta.occurredAt },
  })) as unknown as Envelope[];
}

/**
 * Views that record what they see of each event: its times and day number (the day number
 * checked against `dayNumber`, NaN too), and the events decoded as reopenings only.
 */
const probes: HeadView<unknown, ProjectionEvent>[] = [
  {
    name: 'heads',
    readsEnvelopeHead: true,
    initial: () => [],
    evolve: (s, { envelope: e }) => {
      const day = dayNumber(e.meta.occurredAt);
      if (!Object.is(e.occurredDay ?? day, day)) throw new Error('not the day number');
      (s as string[]).push(`${e.meta.occurredAt}|${e.meta.recordedAt}`);
      return s;
    },
  },
  {
    name: 'reopenings',
    readsEnvelopeHead: true,
    initial: () => [],
    handles: new Set(['RiskReopened']),
    evolve: (s, p) => {
      (s as string[]).push(`${p.envelope.position}:${p.event.type}`);
      return s;
    },
  },
];
const views = [...heads, ...probes];

const encoded = (states: unknown[]): string =>
  JSON.stringify(views.map((v, k) => v.codec?.encode(states[k]) ?? states[k]));

/** The fold of a log: the envelopes inside the window, in order, into fresh states. */
function folded(
  envelopes: readonly Envelope[],
  tt: TimeTravel,
  decode: EventDecoder<ProjectionEvent>,
) {
  const inside = timeWindow(tt);
  const states = views.map((v) => v.initial());
  let count = 0;
  let max: string | null = null;
  for (const e of envelopes) {
    if (inside !== undefined && !inside(e.meta)) continue;
    const d = decode(e.type, e.schemaVersion, e.data);
    if (d._tag === 'Left') throw new Error('undecodable');
    views.forEach((v, k) => {
      if (v.handles === undefined || v.handles.has(d.right.type))
        states[k] = v.evolve(states[k], { envelope: e, event: d.right });
    });
    count++;
    if (max === null || !atOrBefore(e.meta.occurredAt, max)) max = e.meta.occurredAt;
  }
  return { states: encoded(states), count, max };
}

describe('a journal replay equals a fold of its envelopes in order', () => {
  it('same states, count and latest valid time; day numbers as dayNumber gives', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.array(fc.option(odd, { nil: null }), { minLength: 1, maxLength: 5 }),
        read,
        fc.boolean(),
        (ops, odds, { day, hours }, renames) => {
          const envelopes = envelopesOf(history(ops), odds);
          const journal = new Journal();
          for (const e of envelopes) journal.add(e);
          const tt: TimeTravel = {
            ...(day === undefined ? {} : { asAt: dayOf(day) }),
            ...(hours === undefined ? {} : { knownAt: instant(hours) }),
          };
          const states = views.map((v) => v.initial());
          const r = journal.replay(views, states, decoderOf(renames), tt);
          if ('_tag' in r) throw new Error(r.message);
          const want = folded(envelopes, tt, decoderOf(renames));
          expect(encoded(states)).toBe(want.states);
          expect(r.folded).toBe(want.count);
          expect(r.maxOccurredAt).toBe(want.max);
        },
      ),
      { numRuns: 300 },
    );
  });
});
