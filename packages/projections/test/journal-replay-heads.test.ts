import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import type { Envelope } from '@assure/event-store';
import {
  entityViews,
  timeWindow,
  type EnvelopeHead,
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

const decode = decodeEvent;
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

/** What each view sees of an envelope's head: its times and day number. */
const seen = (e: EnvelopeHead): string =>
  `${e.meta.occurredAt}|${e.meta.recordedAt}|${String(e.occurredDay)}`;

/** The fold of a log: the envelopes inside the window, in order, into fresh states. */
function folded(envelopes: readonly Envelope[], tt: TimeTravel) {
  const inside = timeWindow(tt);
  const states = heads.map((v) => v.initial());
  let count = 0;
  let max: string | null = null;
  const heard: string[] = [];
  for (const e of envelopes) {
    if (inside !== undefined && !inside(e.meta)) continue;
    const d = decode(e.type, e.schemaVersion, e.data);
    if (d._tag === 'Left') throw new Error('undecodable');
    heads.forEach((v, k) => (states[k] = v.evolve(states[k], { envelope: e, event: d.right })));
    count++;
    heard.push(seen({ ...e, occurredDay: dayNumber(e.meta.occurredAt) }));
    if (max === null || !atOrBefore(e.meta.occurredAt, max)) max = e.meta.occurredAt;
  }
  return { states: encoded(states), count, max, seen: heard };
}

const encoded = (states: unknown[]): string =>
  JSON.stringify(heads.map((v, k) => v.codec?.encode(states[k])));

describe('a journal replay equals a fold of its envelopes in order', () => {
  it('same states, count and latest valid time; day numbers as dayNumber gives', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.array(fc.option(odd, { nil: null }), { minLength: 1, maxLength: 5 }),
        read,
        (ops, odds, { day, hours }) => {
          const envelopes = envelopesOf(history(ops), odds);
          const journal = new Journal();
          for (const e of envelopes) journal.add(e);
          const tt: TimeTravel = {
            ...(day === undefined ? {} : { asAt: dayOf(day) }),
            ...(hours === undefined ? {} : { knownAt: instant(hours) }),
          };
          const heads2 = [...heads];
          const probe: string[] = [];
          heads2.push({
            name: 'probe',
            readsEnvelopeHead: true,
            initial: () => null,
            evolve: (s, p) => {
              probe.push(seen(p.envelope));
              // NaN too: toEqual holds NaN equal to NaN.
              expect(p.envelope.occurredDay).toEqual(dayNumber(p.envelope.meta.occurredAt));
              return s;
            },
          });
          const states = heads2.map((v) => v.initial());
          const r = journal.replay(heads2, states, decode, tt);
          if ('_tag' in r) throw new Error(r.message);
          const want = folded(envelopes, tt);
          expect(encoded(states.slice(0, heads.length))).toBe(want.states);
          expect(r.folded).toBe(want.count);
          expect(probe).toEqual(want.seen);
          expect(r.maxOccurredAt).toBe(want.max);
        },
      ),
      { numRuns: 300 },
    );
  });
});
