import type * as t from 'io-ts';
import { typeAndDataCodec } from './codec/type-and-data';
import type { Category } from './categories';
import { idFields, tagged } from './categories';
import { programmeCommands } from './programme/commands';
import { adviserCommands } from './adviser/commands';
import { recommendationCommands } from './recommendation/commands';
import { actionCommands } from './action/commands';
import { riskCommands } from './risk/commands';
import { ledgerCommands } from './ledger/commands';

// Each aggregate's commands live in its own folder (`<aggregate>/commands.ts`); this file
// gathers them into the lookups the handler, the CLI and the docs read.

/** The data codec of every command, by command type, aggregate by aggregate (DOMAIN.md order). */
export const commandCodecs = {
  ...programmeCommands,
  ...adviserCommands,
  ...recommendationCommands,
  ...actionCommands,
  ...riskCommands,
  ...ledgerCommands,
} as const;

/** The name of a command type. */
export type CommandType = keyof typeof commandCodecs;
/** The validated data of a command of type `K`. */
export type CommandData<K extends CommandType> = t.TypeOf<(typeof commandCodecs)[K]>;
/** A command of type `K`: `{type, data}`. */
export interface CommandOf<K extends CommandType> {
  readonly type: K;
  readonly data: CommandData<K>;
}
/** Any command: the union of `{type, data}` over every command type. */
export type Command = { [K in CommandType]: CommandOf<K> }[CommandType];

const isCommandType = (s: string): s is CommandType => Object.hasOwn(commandCodecs, s);

/** Every command type, in DOMAIN.md order. */
export const commandTypes: readonly CommandType[] =
  Object.keys(commandCodecs).filter(isCommandType);

export type { Category } from './categories';

/** The aggregate category of each command type (its target stream's name prefix). */
export const commandCategory = {
  ...tagged('programme', programmeCommands),
  ...tagged('adviser', adviserCommands),
  ...tagged('recommendation', recommendationCommands),
  ...tagged('action', actionCommands),
  ...tagged('risk', riskCommands),
  ...tagged('ledger', ledgerCommands),
} as const satisfies { readonly [K in CommandType]: Category };

/** Commands of one aggregate category. */
export type CommandsIn<C extends Category> = {
  [K in CommandType]: (typeof commandCategory)[K] extends C ? CommandOf<K> : never;
}[CommandType];

/** True when the command belongs to the given aggregate category (a type guard). */
export const isCommandOf = <C extends Category>(category: C, c: Command): c is CommandsIn<C> =>
  commandCategory[c.type] === category;

/** Where a command goes and what it does. */
export interface CommandMeta {
  /** The aggregate category; the target stream is `<category>-<data[idField]>` (`ledger-seals` for the ledger). */
  readonly category: Category;
  /** The field of the data naming the target aggregate (`null` for the ledger). */
  readonly idField: string | null;
  /** True when the command creates its aggregate (refused with AlreadyExists otherwise). */
  readonly creates: boolean;
}

/** Each category's creating command (the ledger has none: it always exists). */
const creators: { readonly [C in Category]: CommandType | null } = {
  programme: 'EstablishProgramme',
  adviser: 'AppointAdviser',
  recommendation: 'RaiseRecommendation',
  action: 'PlanAction',
  risk: 'IdentifyRisk',
  ledger: null,
};

/** Per-command metadata: category, target id field, whether it creates the aggregate. */
export const commandMeta: { readonly [K in CommandType]: CommandMeta } = (() => {
  const out: Partial<Record<CommandType, CommandMeta>> = {};
  for (const type of commandTypes) {
    const category = commandCategory[type];
    out[type] = { category, idField: idFields[category], creates: type === creators[category] };
  }
  return out as { readonly [K in CommandType]: CommandMeta };
})();

/**
 * Codec of a whole command `{type, data}`: an unknown `type` fails at path `type`, bad
 * fields at `data.<field>`; any other key is refused.
 *
 * @example
 * Command.decode({ type: 'CloseRisk', data: { riskId: 'equal-pay', reason: 'Settled' } });
 */
export const Command = typeAndDataCodec<Command>('Command', 'command', commandCodecs);
