import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { strict, toFieldErrors, type DomainModel, type ValidationFailed } from '@assure/domain';

/**
 * A tiny domain for testing the command handler and stores without the real domain:
 * counters (`counter-<id>`) that are opened with a limit and incremented, and a policy
 * stream (`policy-counters`) that caps each increment, read as a related stream.
 */

const Id = new t.Type<string, string, unknown>(
  'an id',
  (u): u is string => typeof u === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(u),
  (u, c) =>
    typeof u === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(u)
      ? t.success(u)
      : t.failure(u, c, 'expected an id like equal-pay'),
  t.identity,
);
const Count = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 1,
  'a positive integer',
);

const OpenCounterData = strict({ counterId: Id, limit: Count });
const IncrementData = strict({ counterId: Id, by: Count });
const TouchData = strict({ counterId: Id });
const SetPolicyData = strict({ maxBy: Count });

/** Commands of the counter model. */
export const CounterCommand = t.union([
  strict({ type: t.literal('OpenCounter'), data: OpenCounterData }),
  strict({ type: t.literal('Increment'), data: IncrementData }),
  strict({ type: t.literal('Touch'), data: TouchData }),
  strict({ type: t.literal('SetPolicy'), data: SetPolicyData }),
]);
export type CounterCommand = t.TypeOf<typeof CounterCommand>;

const CounterOpenedData = strict({ counterId: Id, limit: Count });
const IncrementedData = strict({ counterId: Id, by: Count, total: Count });
const PolicySetData = strict({ maxBy: Count });

/** Events of the counter model. */
export type CounterEvent =
  | { readonly type: 'CounterOpened'; readonly data: t.TypeOf<typeof CounterOpenedData> }
  | { readonly type: 'Incremented'; readonly data: t.TypeOf<typeof IncrementedData> }
  | { readonly type: 'PolicySet'; readonly data: t.TypeOf<typeof PolicySetData> };

/** State of any stream of the counter model. */
export interface CounterState {
  readonly opened: boolean;
  readonly total: number;
  readonly limit: number;
  /** Only on `policy-counters`: the largest increment allowed. */
  readonly maxBy: number | null;
}

/** Refusals of the counter model (same tags as the real domain's). */
export type CounterError =
  | {
      readonly _tag: 'Forbidden';
      readonly role: string;
      readonly command: string;
      readonly message: string;
    }
  | { readonly _tag: 'NotFound'; readonly stream: string; readonly message: string }
  | { readonly _tag: 'AlreadyExists'; readonly stream: string; readonly message: string }
  | { readonly _tag: 'RuleViolated'; readonly rule: string; readonly message: string };

/** The stream all counter policies live in. */
export const COUNTER_POLICY_STREAM = 'policy-counters';

function validation(errors: t.Errors, what: string): ValidationFailed {
  const fields = toFieldErrors(errors);
  return {
    _tag: 'ValidationFailed',
    errors: fields,
    message: `invalid ${what}: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
  };
}

function decodeEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): E.Either<ValidationFailed, CounterEvent> {
  const fail = (message: string): E.Either<ValidationFailed, CounterEvent> =>
    E.left({ _tag: 'ValidationFailed', errors: [{ path: 'type', message }], message });
  if (schemaVersion !== 1) return fail(`unknown schema version ${schemaVersion} of ${type}`);
  // Fast path for the hot event of long streams; the codecs below explain any failure.
  if (type === 'Incremented' && IncrementedData.is(data)) return E.right({ type, data });
  const as = <D>(codec: t.Type<D, unknown, unknown>, make: (d: D) => CounterEvent) =>
    E.bimap((errors: t.Errors) => validation(errors, `${type} event`), make)(codec.decode(data));
  switch (type) {
    case 'CounterOpened':
      return as(CounterOpenedData, (d) => ({ type, data: d }));
    case 'Incremented':
      return as(IncrementedData, (d) => ({ type, data: d }));
    case 'PolicySet':
      return as(PolicySetData, (d) => ({ type, data: d }));
    default:
      return fail(`unknown event type ${type}`);
  }
}

const streamOf = (counterId: string) => `counter-${counterId}`;

/**
 * The counter model: a {@link DomainModel} for handler and store tests.
 *
 * - `OpenCounter {counterId, limit}` -> `CounterOpened` (AlreadyExists if open);
 * - `Increment {counterId, by}` -> `Incremented {total}` (NotFound if not open;
 *   RuleViolated `limit` past the limit, `max-by` past the policy's cap);
 * - `Touch {counterId}` -> nothing (a command that needs no event);
 * - `SetPolicy {maxBy}` -> `PolicySet` on `policy-counters` (role `admin` only);
 * - role `viewer` may do nothing.
 *
 * @example
 * const handler = createCommandHandler({ store, model: counterModel });
 */
export const counterModel: DomainModel<CounterCommand, CounterEvent, CounterState, CounterError> = {
  decodeCommand: (input) =>
    E.mapLeft((e: t.Errors) => validation(e, 'command'))(CounterCommand.decode(input)),
  decodeEvent,
  schemaVersionOf: () => 1,
  route: (command) => {
    switch (command.type) {
      case 'OpenCounter':
      case 'Touch':
        return { stream: streamOf(command.data.counterId), related: [] };
      case 'Increment':
        return { stream: streamOf(command.data.counterId), related: [COUNTER_POLICY_STREAM] };
      case 'SetPolicy':
        return { stream: COUNTER_POLICY_STREAM, related: [] };
      default: {
        const never: never = command;
        return never;
      }
    }
  },
  authorize: (command, issuer) => {
    const allowed =
      issuer.role === 'system' ||
      issuer.role === 'admin' ||
      (issuer.role === 'officer' && command.type !== 'SetPolicy');
    return allowed
      ? E.right(undefined)
      : E.left({
          _tag: 'Forbidden',
          role: issuer.role,
          command: command.type,
          message: `role ${issuer.role} may not ${command.type}`,
        });
  },
  initialState: () => ({ opened: false, total: 0, limit: 0, maxBy: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'CounterOpened':
        return { ...state, opened: true, limit: event.data.limit };
      case 'Incremented':
        return {
          opened: state.opened,
          total: event.data.total,
          limit: state.limit,
          maxBy: state.maxBy,
        };
      case 'PolicySet':
        return { ...state, maxBy: event.data.maxBy };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide: (command, state, context) => {
    switch (command.type) {
      case 'OpenCounter':
        return state.opened
          ? E.left({
              _tag: 'AlreadyExists',
              stream: streamOf(command.data.counterId),
              message: `counter ${command.data.counterId} is already open`,
            })
          : E.right([{ type: 'CounterOpened', data: command.data }]);
      case 'Increment': {
        if (!state.opened)
          return E.left({
            _tag: 'NotFound',
            stream: streamOf(command.data.counterId),
            message: `counter ${command.data.counterId} is not open`,
          });
        const maxBy = context.related.get(COUNTER_POLICY_STREAM)?.maxBy ?? null;
        if (maxBy !== null && command.data.by > maxBy)
          return E.left({
            _tag: 'RuleViolated',
            rule: 'max-by',
            message: `an increment may not exceed ${maxBy}`,
          });
        const total = state.total + command.data.by;
        if (total > state.limit)
          return E.left({
            _tag: 'RuleViolated',
            rule: 'limit',
            message: `counter ${command.data.counterId} would pass its limit ${state.limit}`,
          });
        return E.right([{ type: 'Incremented', data: { ...command.data, total } }]);
      }
      case 'Touch':
        return state.opened
          ? E.right([])
          : E.left({
              _tag: 'NotFound',
              stream: streamOf(command.data.counterId),
              message: `counter ${command.data.counterId} is not open`,
            });
      case 'SetPolicy':
        return E.right([{ type: 'PolicySet', data: command.data }]);
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
