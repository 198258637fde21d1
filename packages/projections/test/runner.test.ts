import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { createMemoryStore } from '@assure/event-store';
import {
  decodeProjectionEvent,
  entityViews,
  Projector,
  type ProjectionEvent,
  type View,
} from '@assure/projections';
import { generateHistory } from '@assure/testing';
import {
  birmingham,
  birminghamJourney,
  d,
  equalPayIdentified,
  phaseChanged,
  seen,
} from './fixtures';

const decode = decodeProjectionEvent;

describe('Projector', () => {
  it('catches up from the log, then only reads what is new', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const first = await p.catchUp(h.store)();
    expect(E.isRight(first)).toBe(true);
    const n = (await h.store.headPosition()())._tag === 'Right' ? h.store.size : 0;
    expect(p.current().states.seen).toHaveLength(n);
    expect(p.checkpoint).toBe(String(n - 1));
    await phaseChanged(h, '2019-04-01');
    await p.catchUp(h.store)();
    const states = p.current().states.seen;
    expect(states).toHaveLength(n + 1);
    expect(states[n]).toBe(`${n}:ProgrammePhaseChanged`);
  });

  it('skips an event at or below the checkpoint (duplicate delivery)', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const all = [];
    for await (const e of h.store.readAll()) all.push(e);
    for (const e of all) expect(p.apply(e)).toEqual(E.right(true));
    for (const e of all) expect(p.apply(e)).toEqual(E.right(false));
    expect(p.current().states.seen).toHaveLength(all.length);
    expect(p.current().folded).toBe(all.length);
  });

  it('stops at an undecodable event with a tagged error, and stays stopped on rerun', async () => {
    const h = await birmingham();
    const bad = await h.raw(
      'risk-equal-pay',
      'RecommendationRaised',
      { riskId: 'equal-pay', likelihood: 9, impact: 5, rationale: 'x' },
      { on: '2019-01-01' },
    );
    await h.add('RiskClosed', d('RiskClosed', { riskId: 'equal-pay', reason: 'settled' }), {
      on: '2019-02-01',
    });
    const p = new Projector({ seen }, { decode });
    const r = await p.catchUp(h.store)();
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) {
      expect(r.left._tag).toBe('EventUndecodable');
      if (r.left._tag === 'EventUndecodable') {
        expect(r.left.position).toBe(bad);
        expect(r.left.stream).toBe('risk-equal-pay');
        expect(r.left.errors.map((e) => e.path)).toContain('data.likelihood');
      }
    }
    // The views stop just before the bad event; nothing after it was folded.
    expect(p.checkpoint).toBe(String(BigInt(bad) - 1n));
    expect(p.current().states.seen.some((s) => s.startsWith(`${bad}:`))).toBe(false);
    const again = await p.catchUp(h.store)();
    expect(E.isLeft(again) && again.left._tag).toBe('EventUndecodable');
    expect(p.checkpoint).toBe(String(BigInt(bad) - 1n));
  });

  it('reports an unknown event type and an unknown schema version', async () => {
    const h = await birmingham();
    await h.raw('risk-equal-pay', 'RiskMutated', { riskId: 'equal-pay' }, { on: '2019-01-01' });
    const r = await new Projector({ seen }, { decode }).catchUp(h.store)();
    expect(E.isLeft(r) && r.left._tag === 'EventUndecodable' && r.left.type).toBe('RiskMutated');
    const h2 = await birmingham();
    await h2.raw(
      'risk-equal-pay',
      'RiskClosed',
      { riskId: 'equal-pay', reason: 'x' },
      { on: '2019-01-01' },
      7,
    );
    const r2 = await new Projector({ seen }, { decode }).catchUp(h2.store)();
    expect(E.isLeft(r2) && r2.left._tag === 'EventUndecodable' && r2.left.schemaVersion).toBe(7);
  });

  it('reports a view that throws as ViewFailed, before the event', async () => {
    const h = await birmingham();
    const boom: View<number, ProjectionEvent> = {
      name: 'boom',
      initial: () => 0,
      evolve: (n, p) => {
        if (p.event.type === 'OversightBodyConstituted') throw new Error('not total');
        return n + 1;
      },
    };
    const p = new Projector({ boom }, { decode });
    const r = await p.catchUp(h.store)();
    expect(E.isLeft(r) && r.left._tag).toBe('ViewFailed');
    expect(p.current().states.boom).toBe(5);
    expect(p.checkpoint).toBe('4');
    expect(p.current().folded).toBe(5);
  });

  it('a decoder that throws mid-batch leaves the checkpoint at the last event folded: a retry folds each event once', async () => {
    const h = await birmingham();
    let calls = 0;
    let failOnce = true;
    const flaky: typeof decode = (type, version, data) => {
      calls++;
      if (failOnce && calls === 4) {
        failOnce = false;
        throw new Error('decoder crashed');
      }
      return decode(type, version, data);
    };
    const p = new Projector({ seen }, { decode: flaky });
    const r = await p.catchUp(h.store)();
    expect(E.isLeft(r)).toBe(true);
    expect(p.checkpoint).toBe('2');
    expect(p.current().folded).toBe(3);
    const again = await p.catchUp(h.store)();
    expect(E.isRight(again)).toBe(true);
    const positions = p.current().states.seen.map((x) => x.split(':')[0]);
    expect(positions).toEqual(Array.from({ length: h.store.size }, (_, i) => String(i)));
  });

  it("with the store's decodings, a view that throws mid-batch stops the views before the event", async () => {
    const store = createMemoryStore({ decodePayloads: decode, readBatchSize: 64 });
    const history = [...generateHistory(500, { seed: 5 })];
    for (const { stream, event } of history) await store.append(stream, [event], 'any')();
    // Throws at position 300 (the 301st event, in the middle of the fifth batch of 64).
    const boom: View<string[], ProjectionEvent> = {
      name: 'boom',
      initial: () => [],
      evolve: (seenAt, p) => {
        if (p.envelope.position === '300') throw new Error('not total');
        seenAt.push(p.envelope.meta.occurredAt);
        return seenAt;
      },
    };
    const p = new Projector({ boom, ...entityViews }, { decode });
    const r = await p.catchUp(store)();
    expect(E.isLeft(r) && r.left._tag === 'ViewFailed' && r.left.position).toBe('300');
    const at = p.current();
    expect(at.checkpoint).toBe('299');
    expect(at.folded).toBe(300);
    expect(at.states.boom).toHaveLength(300);
    const occurred = history.slice(0, 300).map((g) => g.event.meta.occurredAt ?? '');
    expect(at.maxOccurredAt).toBe(occurred.reduce((a, b) => (b > a ? b : a)));
    // The entity views hold what the first 300 events make, as a fold of those alone does.
    const first300 = createMemoryStore({ decodePayloads: decode, readBatchSize: 64 });
    for (const { stream, event } of history.slice(0, 300))
      await first300.append(stream, [event], 'any')();
    const alone = await new Projector(entityViews, { decode }).catchUp(first300)();
    expect(E.isRight(alone) && alone.right.states).toEqual({ ...at.states, boom: undefined });
  });

  it('follows live appends until aborted', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const controller = new AbortController();
    const changes: string[] = [];
    const running = p.follow(h.store, {
      signal: controller.signal,
      onChange: (pos) => {
        changes.push(pos);
        if (p.current().states.seen.some((s) => s.endsWith(':RiskIdentified'))) controller.abort();
      },
    })();
    await equalPayIdentified(h);
    const r = await running;
    expect(E.isRight(r)).toBe(true);
    expect(changes).toHaveLength(h.store.size);
    expect(p.checkpoint).toBe(String(h.store.size - 1));
  });

  it('waits for an onChange that returns a promise before folding the next event', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const controller = new AbortController();
    const log: string[] = [];
    const r = await p.follow(h.store, {
      signal: controller.signal,
      onChange: async (pos) => {
        // What the views hold when the callback starts: this event is the last folded.
        log.push(`start ${pos} ${p.current().states.seen.length}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
        log.push(`end ${pos}`);
        if (pos === String(h.store.size - 1)) controller.abort();
      },
    })();
    expect(E.isRight(r)).toBe(true);
    expect(log).toEqual(
      Array.from({ length: h.store.size }, (_, i) => [`start ${i} ${i + 1}`, `end ${i}`]).flat(),
    );
  });

  it('stops with OnChangeFailed when onChange throws, the event folded', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const r = await p.follow(h.store, {
      onChange: (pos) => {
        if (pos === '2') throw new Error('the dashboard is down');
      },
    })();
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'OnChangeFailed',
      position: '2',
      message: 'the onChange callback failed after position 2: the dashboard is down',
    });
    expect(p.checkpoint).toBe('2');
  });

  it('rebuilds from zero to the same states', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    await p.catchUp(h.store)();
    const once = [...p.current().states.seen];
    const r = await p.rebuild(h.store)();
    expect(E.isRight(r) && r.right.states.seen).toEqual(once);
  });

  it('applies an as-at and known-at window, passing over (not folding) the rest', async () => {
    const h = await birmingham();
    await h.add('RiskClosed', d('RiskClosed', { riskId: 'equal-pay', reason: 'later' }), {
      on: '2019-05-01',
      recordedAt: '2019-05-02T09:00:00.000Z',
    });
    const asAt = new Projector({ seen }, { decode, timeTravel: { asAt: '2019-04-30' } });
    await asAt.catchUp(h.store)();
    expect(asAt.current().states.seen.some((s) => s.endsWith('RiskClosed'))).toBe(false);
    expect(asAt.checkpoint).toBe(String(h.store.size - 1));
    const onDay = new Projector({ seen }, { decode, timeTravel: { asAt: '2019-05-01' } });
    await onDay.catchUp(h.store)();
    expect(onDay.current().states.seen.some((s) => s.endsWith('RiskClosed'))).toBe(true);
    const known = new Projector(
      { seen },
      { decode, timeTravel: { knownAt: '2019-05-02T08:59:59.999Z' } },
    );
    await known.catchUp(h.store)();
    expect(known.current().states.seen.some((s) => s.endsWith('RiskClosed'))).toBe(false);
  });
});

describe('routing by the types a view handles', () => {
  /** A view that claims to handle only RecommendationRaised, and records whatever reaches it. */
  const raised: View<string[], ProjectionEvent> = {
    name: 'raised',
    handles: new Set(['RecommendationRaised']),
    initial: () => [],
    evolve: (s, p) => {
      s.push(p.event.type);
      return s;
    },
  };

  it('calls a view only for the types it declares, and views without a list for every event', async () => {
    const h = await birminghamJourney();
    const r = await new Projector({ raised, seen }, { decode }).catchUp(h.store)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    const all = r.right.states.seen.map((s) => s.slice(s.indexOf(':') + 1));
    expect(all).toHaveLength(h.store.size);
    const raisedTypes = all.filter((type) => type === 'RecommendationRaised');
    expect(raisedTypes.length).toBeGreaterThan(0);
    expect(r.right.states.raised).toEqual(raisedTypes);
  });

  it("the read models' views leave their state unchanged for every type they do not list", () => {
    const history = [...generateHistory(3000)];
    for (const [name, view] of Object.entries(entityViews)) {
      const handles = view.handles;
      expect(handles).toBeDefined();
      let state: unknown = view.initial();
      const evolve = view.evolve as (s: unknown, p: unknown) => unknown;
      const codec = view.codec as t.Type<unknown, unknown, unknown>;
      for (const [i, { event }] of history.entries()) {
        const decoded = decode(event.type, 1, event.data);
        if (E.isLeft(decoded)) throw new Error(`${name}: fixture ${i} does not decode`);
        const p = {
          envelope: {
            position: String(i),
            stream: 's',
            revision: i,
            eventId: `e-${i}`,
            type: event.type,
            schemaVersion: 1,
            data: event.data,
            meta: { ...event.meta, recordedAt: event.meta.recordedAt ?? event.meta.occurredAt },
            prevHash: '0'.repeat(64),
            hash: '0'.repeat(64),
          },
          event: decoded.right,
        };
        if (handles?.has(event.type) === true) {
          state = evolve(state, p);
          continue;
        }
        const before = JSON.stringify(codec.encode(state));
        expect(evolve(state, p)).toBe(state);
        expect(JSON.stringify(codec.encode(state))).toBe(before);
      }
    }
  });
});
