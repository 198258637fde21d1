/**
 * The Adviser aggregate: a non-executive adviser appointed to a programme's areas.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export {
  initialAdviserState,
  evolveAdviser,
  type AdviserStatus,
  type AppointedAdviser,
  type AdviserState,
} from './state';
export { decideAdviser, adviserDecider, type AdviserCommand, type AdviserFacts } from './decide';
