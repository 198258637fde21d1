// Building the domain model the command handler drives: its authorization policy and its
// configuration (the stocktake criteria sets), with the defaults as `domainModel`.
import * as E from 'fp-ts/Either';
import type { Command } from './commands';
import type { CriteriaSets } from './codec/vocabulary';
import { criteriaSetsProblems } from './codec/vocabulary';
import type { AggregateState, DomainConfig } from './domain-model';
import {
  DEFAULT_CONFIG,
  checkIssuer,
  decideAny,
  decodeCommand,
  decodeEvent,
  evolveAny,
  initialStateOf,
  relatedOf,
  routeCommand,
  schemaVersionOf,
} from './domain-model';
import type { DomainError } from './errors';
import type { DomainEvent } from './events';
import type { DomainModel } from './model';
import type { AuthorizationPolicy } from './policies/roles';
import { rolesV1 } from './policies/roles';

/** Options of {@link makeDomainModel}. */
export interface DomainModelOptions {
  /** The authorization policy (default `roles@1`). */
  readonly authorization?: AuthorizationPolicy;
  /**
   * The criteria sets stocktakes judge against, by versioned name (`name@N`), each criterion
   * id with its title (default: the built-in LGA sets, `criteriaSets`). Keep the
   * built-in ones too (`{ ...criteriaSets, 'my-set@1': {...} }`) while histories use them.
   */
  readonly criteriaSets?: CriteriaSets;
}

/** The domain as the command handler sees it. */
export type AssureDomainModel = DomainModel<Command, DomainEvent, AggregateState, DomainError> & {
  /** The authorization policy in force. */
  readonly authorization: AuthorizationPolicy;
  /** The criteria sets in force. */
  readonly criteriaSets: CriteriaSets;
};

/**
 * Builds the domain model, optionally with another authorization policy or criteria sets.
 * Throws a RangeError naming each problem when a criteria sets table is malformed (a
 * mistake in the embedding application's code, found when it starts).
 *
 * @example
 * const model = makeDomainModel({ authorization: myPolicy });
 * const own = makeDomainModel({
 *   criteriaSets: { ...criteriaSets, 'county-review@1': { 'member-development': 'Member development' } },
 * });
 */
export function makeDomainModel(options: DomainModelOptions = {}): AssureDomainModel {
  const authorization = options.authorization ?? rolesV1;
  const config: DomainConfig =
    options.criteriaSets === undefined ? DEFAULT_CONFIG : { criteriaSets: options.criteriaSets };
  const problems = criteriaSetsProblems(config.criteriaSets);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return {
    authorization,
    criteriaSets: config.criteriaSets,
    decodeCommand,
    decodeEvent,
    relatedOf,
    schemaVersionOf,
    route: routeCommand,
    authorize(command, issuer) {
      const bad = checkIssuer(issuer);
      if (bad !== null) return E.left(bad);
      return authorization.authorize(command, issuer);
    },
    initialState: initialStateOf,
    evolve: evolveAny,
    decide: (c, state, ctx) => decideAny(c, state, ctx, config),
  };
}

/** The domain model with the default policies (`roles@1`). */
export const domainModel: AssureDomainModel = makeDomainModel();
