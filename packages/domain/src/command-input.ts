import * as E from 'fp-ts/Either';
import type { Unbranded } from './codec/unbranded';
import { toFieldErrors } from './codec/validation';
import { validationFailed } from './errors';
import type { ValidationFailed } from './model';
import {
  Command,
  commandTypes,
  type CommandData,
  type CommandOf,
  type CommandType,
} from './commands';

/**
 * What a caller writes as the data of a command of type `K`: the codec's decoded type with
 * its brands removed (plain strings and numbers, see {@link Unbranded}).
 *
 * @example
 * const data: CommandInput<'CloseRisk'> = { riskId: 'equal-pay', reason: 'Settled' };
 */
export type CommandInput<K extends CommandType> = Unbranded<CommandData<K>>;

/** What a caller writes as a command of type `K`: `{type, data}` with plain data. */
export interface CommandInputOf<K extends CommandType> {
  readonly type: K;
  readonly data: CommandInput<K>;
}

/** Any command as a caller writes it: the union of {@link CommandInputOf} over every type. */
export type AnyCommandInput = { [K in CommandType]: CommandInputOf<K> }[CommandType];

/** The builder of a command: decodes its plain data into the command, or says why not. */
export type CommandBuilder<K extends CommandType> = (
  data: CommandInput<K>,
) => E.Either<ValidationFailed, CommandOf<K>>;

/** One builder per command type, named by the type in camelCase (`RescoreRisk` -> `rescoreRisk`). */
export type CommandBuilders = {
  readonly [K in CommandType as Uncapitalize<K>]: CommandBuilder<K>;
};

const camelCase = (type: string): string => type.charAt(0).toLowerCase() + type.slice(1);

/**
 * Builds a command of `type` from its data: decodes `{type, data}` with the command codec.
 * Data typed as {@link CommandInput} can still fail at run time (an id that is not an id, a
 * level out of 1-5); the failure names each field as `data.<field>`.
 */
export function buildCommand<K extends CommandType>(
  type: K,
  data: CommandInput<K>,
): E.Either<ValidationFailed, CommandOf<K>> {
  return decodeAs(type, data);
}

function decodeAs<K extends CommandType>(
  type: K,
  data: unknown,
): E.Either<ValidationFailed, CommandOf<K>> {
  const decoded = Command.decode({ type, data });
  if (E.isLeft(decoded)) return E.left(validationFailed(toFieldErrors(decoded.left)));
  const command = decoded.right;
  // The codec keeps the `type` it was given (a literal of the command codecs' table).
  return isOfType(command, type)
    ? E.right(command)
    : E.left(validationFailed([{ path: 'type', message: `expected ${type}` }]));
}

const isOfType = <K extends CommandType>(c: Command, type: K): c is Command & CommandOf<K> =>
  c.type === type;

/**
 * The typed command API: one function per command type, generated from the command codecs
 * (no hand-written list), each returning the decoded command or a `ValidationFailed`.
 * Their argument is typed, so a misspelt field or a value outside a vocabulary is a compile
 * error; what the type cannot say (formats, ranges, lengths) is checked at run time.
 *
 * @example
 * const cmd = commands.rescoreRisk({ riskId: 'equal-pay', likelihood: 3, impact: 4, rationale: 'Audit done' });
 * if (E.isRight(cmd)) await handler.handle(cmd.right, meta)();
 */
export const commands: CommandBuilders = buildersOf(commandTypes);

function buildersOf(types: readonly CommandType[]): CommandBuilders {
  const out: Record<string, (data: unknown) => E.Either<ValidationFailed, unknown>> = {};
  for (const type of types) out[camelCase(type)] = (data) => decodeAs(type, data);
  // One builder per command type, keyed by its camelCase name, each decoding with the
  // `Command` codec under its own `type`: the shape `CommandBuilders` describes.
  return out as unknown as CommandBuilders;
}
