import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type * as t from 'io-ts';
import type { AggregateState, Command, DomainEvent } from '@assure/domain';
import {
  commandCodecs,
  commandTypes,
  domainModel,
  eventCodecs,
  eventTypes,
  score,
  streamOfEvent,
} from '@assure/domain';
import { issuer } from '@assure/domain/testing';
import { arbitraryOf } from './arbitraries';
import { programme } from './fixtures';

const RUNS = 60;

describe('properties', () => {
  test.each(eventTypes.map((t) => [t]))('event codec %s round-trips', (type) => {
    const codec: t.Type<unknown, unknown, unknown> = eventCodecs[type] as t.Mixed;
    fc.assert(
      fc.property(arbitraryOf(codec), (data) => {
        const decoded = codec.decode(data);
        expect(E.isRight(decoded)).toBe(true);
        if (E.isRight(decoded)) {
          const encoded = JSON.parse(JSON.stringify(codec.encode(decoded.right)));
          expect(encoded).toEqual(data);
          expect(domainModel.decodeEvent(type, 1, encoded)).toEqual(
            E.right({ type, data: decoded.right }),
          );
        }
      }),
      { numRuns: RUNS },
    );
  });

  test.each(commandTypes.map((t) => [t]))(
    'command codec %s round-trips through decodeCommand',
    (type) => {
      fc.assert(
        fc.property(arbitraryOf(commandCodecs[type]), (data) => {
          const r = domainModel.decodeCommand(JSON.parse(JSON.stringify({ type, data })));
          expect(r).toEqual(E.right({ type, data }));
        }),
        { numRuns: RUNS },
      );
    },
  );

  test('decoding arbitrary JSON never throws and returns ValidationFailed with paths', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const r = domainModel.decodeCommand(input);
        expect(E.isLeft(r)).toBe(true);
        if (E.isLeft(r)) {
          expect(r.left._tag).toBe('ValidationFailed');
          expect(r.left.errors.length).toBeGreaterThan(0);
          for (const e of r.left.errors) expect(typeof e.path).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  test('decoding arbitrary data of a known command type never throws; errors name data paths', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commandTypes), fc.jsonValue(), (type, data) => {
        const r = domainModel.decodeCommand({ type, data });
        if (E.isLeft(r)) {
          expect(r.left.errors.length).toBeGreaterThan(0);
          for (const e of r.left.errors) expect(e.path).toMatch(/^data/);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('each event codec guard (the decoding fast path) accepts exactly what decode accepts', () => {
    const candidates = fc.oneof(
      fc.jsonValue(),
      ...eventTypes.map((type) =>
        fc
          .tuple(arbitraryOf(eventCodecs[type]), fc.jsonValue(), fc.string({ maxLength: 8 }))
          .map(([d, v, k]) =>
            // valid data, sometimes with one key added or changed
            k === '' ? d : { ...(d as object), [k]: v },
          ),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...eventTypes), candidates, (type, data) => {
        const codec = eventCodecs[type] as t.Mixed;
        expect(codec.is(data)).toBe(E.isRight(codec.decode(data)));
      }),
      { numRuns: 1000 },
    );
  });

  test('decoding arbitrary event data never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...eventTypes),
        fc.integer({ min: -1, max: 3 }),
        fc.anything(),
        (type, v, data) => {
          const r = domainModel.decodeEvent(type, v, data);
          if (E.isLeft(r)) expect(r.left._tag).toBe('ValidationFailed');
        },
      ),
      { numRuns: 300 },
    );
  });

  const inRange = (s: AggregateState) => {
    if (s.kind === 'risk' && s.status !== 'none')
      for (const a of [s.inherent, s.current, s.target]) {
        expect(score(a)).toBeGreaterThanOrEqual(1);
        expect(score(a)).toBeLessThanOrEqual(25);
      }
    if (s.kind === 'action' && s.status !== 'none') {
      expect(Number.isInteger(s.percentComplete)).toBe(true);
      expect(s.percentComplete).toBeGreaterThanOrEqual(0);
      expect(s.percentComplete).toBeLessThanOrEqual(99);
    }
  };

  test('folding any sequence of valid events never throws nor leaves a score outside 1-25 or a percent outside 0-99', () => {
    const anyEvent = fc.oneof(
      ...eventTypes.map((type) =>
        arbitraryOf(eventCodecs[type]).map((data) => ({ type, data }) as DomainEvent),
      ),
    );
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        for (const stream of [
          'risk-x',
          'action-x',
          'programme-x',
          'recommendation-x',
          'adviser-x',
          'ledger-seals',
        ]) {
          let s = domainModel.initialState(stream);
          for (const e of events) {
            s = domainModel.evolve(s, e);
            inRange(s);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  // Histories made by the deciders themselves: random commands on a small pool of ids.
  const riskIds = [
    'equal-pay',
    'industrial-relations',
    'commonwealth-games',
    'paradise-circus',
    'amey-contract',
  ];
  const actionIds = ['act-1', 'act-2'];
  const focus = [
    'IdentifyRisk',
    'RescoreRisk',
    'SetRiskTarget',
    'CloseRisk',
    'ReopenRisk',
    'PlanAction',
    'RecordActionProgress',
    'CompleteAction',
    'ReopenAction',
    'CancelAction',
    'ReviseActionDueDate',
  ] as const;
  const commandArb: fc.Arbitrary<Command> = fc.oneof(
    ...focus.map((type) =>
      fc
        .tuple(
          arbitraryOf(commandCodecs[type]),
          fc.constantFrom(...riskIds),
          fc.constantFrom(...actionIds),
        )
        .map(([data, riskId, actionId]) => {
          const d = { ...(data as Record<string, unknown>) };
          if ('riskId' in d) d['riskId'] = riskId;
          if ('actionId' in d) d['actionId'] = actionId;
          if ('programmeId' in d) d['programmeId'] = 'bcc-improvement';
          if ('areaId' in d) d['areaId'] = 'area-finance';
          if ('recommendationIds' in d) d['recommendationIds'] = [];
          const r = domainModel.decodeCommand({ type, data: d });
          if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
          return r.right;
        }),
    ),
  );

  test('folding any history the deciders accept keeps scores in 1-25 and percents in 0-99', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        const log: DomainEvent[] = [...programme];
        const fold = (stream: string) =>
          log
            .filter((e) => streamOfEvent(e) === stream)
            .reduce(domainModel.evolve, domainModel.initialState(stream));
        for (const c of commands) {
          const by = issuer('system-import', 'system', '2019-04-01');
          const route = domainModel.route(c);
          const related = new Map(route.related.map((s) => [s, fold(s)] as const));
          const r = domainModel.decide(c, fold(route.stream), { issuer: by, related });
          if (E.isRight(r)) log.push(...r.right);
        }
        for (const id of riskIds) inRange(fold(`risk-${id}`));
        for (const id of actionIds) inRange(fold(`action-${id}`));
      }),
      { numRuns: 100 },
    );
  });

  test('deciding any decodable command on any small history never throws', () => {
    const anyCommand = fc.oneof(
      ...commandTypes.map((type) =>
        arbitraryOf(commandCodecs[type]).map((data) => {
          const r = domainModel.decodeCommand({ type, data });
          if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
          return r.right;
        }),
      ),
    );
    fc.assert(
      fc.property(
        anyCommand,
        fc.constantFrom('system', 'admin', 'officer', 'auditor', 'board', 'adviser'),
        (c, role) => {
          const by = issuer('officer-cfo', role, '2019-04-01');
          const auth = domainModel.authorize(c, by);
          const route = domainModel.route(c);
          const related = new Map(
            route.related.map((s) => [s, domainModel.initialState(s)] as const),
          );
          const r = domainModel.decide(c, domainModel.initialState(route.stream), {
            issuer: by,
            related,
          });
          expect(E.isLeft(auth) || E.isLeft(r) || E.isRight(r)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
