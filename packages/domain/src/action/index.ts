/**
 * The Action aggregate: an action planned against recommendations, its progress, due dates and completion.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export { initialActionState, evolveAction, type PlannedAction, type ActionState } from './state';
export { decideAction, actionDecider, type ActionCommand, type ActionFacts } from './decide';
