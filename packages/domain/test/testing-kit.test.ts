import * as E from 'fp-ts/Either';
import { domainModel, initialStateOf, riskDecider } from '@assure/domain';
import {
  DEFAULT_ISSUER,
  command,
  deciderSpec,
  deepEqual,
  domainEvent,
  domainSpec,
  issuer,
} from '@assure/domain/testing';
import { RISK, programme, riskIdentified } from './fixtures';

// An embedding developer's own decider: a counter that may not go above a limit.
type CounterEvent = { type: 'Incremented'; by: number };
type CounterCommand = { type: 'Increment'; by: number };
type CounterError = { _tag: 'TooHigh'; limit: number };
const counter = {
  initialState: () => 0,
  evolve: (n: number, e: CounterEvent) => n + e.by,
  decide: (c: CounterCommand, n: number, ctx: { limit: number }) =>
    n + c.by > ctx.limit
      ? E.left<CounterError, readonly CounterEvent[]>({ _tag: 'TooHigh', limit: ctx.limit })
      : E.right<CounterError, readonly CounterEvent[]>([{ type: 'Incremented', by: c.by }]),
};

describe('@assure/domain/testing', () => {
  const spec = deciderSpec(counter, () => ({ limit: 10 }));

  test('deciderSpec: then passes on the expected events and throws on others', () => {
    spec
      .given([{ type: 'Incremented', by: 4 }])
      .when({ type: 'Increment', by: 5 })
      .then([{ type: 'Incremented', by: 5 }]);
    expect(() =>
      spec
        .given([])
        .when({ type: 'Increment', by: 5 })
        .then([{ type: 'Incremented', by: 6 }]),
    ).toThrow(/expected events/);
  });

  test('deciderSpec: thenError by tag or partial error; throws when it succeeded', () => {
    spec
      .given([{ type: 'Incremented', by: 8 }])
      .when({ type: 'Increment', by: 5 })
      .thenError('TooHigh');
    spec
      .given([{ type: 'Incremented', by: 8 }])
      .when({ type: 'Increment', by: 5 })
      .thenError({ _tag: 'TooHigh', limit: 10 });
    expect(() => spec.given([]).when({ type: 'Increment', by: 1 }).thenError('TooHigh')).toThrow(
      /expected error/,
    );
    expect(() =>
      spec
        .given([{ type: 'Incremented', by: 8 }])
        .when({ type: 'Increment', by: 5 })
        .thenError({ limit: 11 }),
    ).toThrow(/expected error/);
  });

  test('domainSpec: routes, folds related streams and authorizes like the handler', () => {
    const close = command('CloseRisk', { riskId: RISK, reason: 'Settled' });
    domainSpec()
      .given([...programme, riskIdentified])
      .when(close, issuer('officer-cfo', 'officer', '2019-05-01'))
      .then([domainEvent('RiskClosed', close.data)]);
    domainSpec()
      .given([...programme, riskIdentified])
      .when(close, issuer('auditor-gt', 'auditor'))
      .thenError({ _tag: 'Forbidden', role: 'auditor', command: 'CloseRisk' });
  });

  test('issuer accepts a bare day as 00:00:00.000Z; the default issuer is system', () => {
    expect(issuer('officer-cfo', 'officer', '2019-03-12').occurredAt).toBe(
      '2019-03-12T00:00:00.000Z',
    );
    expect(DEFAULT_ISSUER.role).toBe('system');
  });

  test('command and domainEvent builders throw on invalid fixtures', () => {
    expect(() => command('CloseRisk', { riskId: 'Equal Pay', reason: 'x' })).toThrow(/data|riskId/);
    expect(() => domainEvent('RiskClosed', { riskId: 'x', reason: '' })).toThrow(/reason/);
  });

  test('deepEqual ignores undefined-valued keys and compares arrays in order', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });

  test('stream-kind: deciding on the wrong stream state is refused, not thrown', () => {
    const r = domainModel.decide(
      command('CloseRisk', { riskId: RISK, reason: 'x' }),
      initialStateOf('action-x'),
      {
        issuer: DEFAULT_ISSUER,
        related: new Map(),
      },
    );
    expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'RuleViolated', rule: 'stream-kind' } });
  });

  test('initial states by stream category; unknown categories fold nothing', () => {
    expect(initialStateOf('programme-bcc-improvement').kind).toBe('programme');
    expect(initialStateOf('ledger-seals').kind).toBe('ledger');
    const u = initialStateOf('mystery-1');
    expect(domainModel.evolve(u, riskIdentified)).toBe(u);
  });

  test('an aggregate that does not exist yet is only its kind and status none (no placeholder fields)', () => {
    for (const kind of ['programme', 'adviser', 'recommendation', 'action', 'risk'])
      expect(initialStateOf(`${kind}-x`)).toStrictEqual({ kind, status: 'none' });
  });

  test("each aggregate's decider (initial state, evolve, decide) drives deciderSpec", () => {
    const spec = deciderSpec(riskDecider, (by) => ({ issuer: by, programme: undefined }));
    spec
      .given([riskIdentified])
      .when(command('CloseRisk', { riskId: RISK, reason: 'Settled' }))
      .then([domainEvent('RiskClosed', { riskId: RISK, reason: 'Settled' })]);
    spec
      .given([])
      .when(command('CloseRisk', { riskId: RISK, reason: 'Settled' }))
      .thenError('NotFound');
  });
});
