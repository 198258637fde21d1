/**
 * The Risk aggregate: a risk, its scores, target, owner, controls and escalation.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export { initialRiskState, evolveRisk, type IdentifiedRisk, type RiskState } from './state';
export { decideRisk, riskDecider, type RiskCommand, type RiskFacts } from './decide';
