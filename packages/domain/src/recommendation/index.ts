/**
 * The Recommendation aggregate: a recommendation raised by an auditor, panel or other source, from response to closure.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export {
  initialRecommendationState,
  considerationDeadline,
  evolveRecommendation,
  type RaisedRecommendation,
  type RecommendationState,
} from './state';
export {
  decideRecommendation,
  recommendationDecider,
  type RecommendationCommand,
  type RecommendationFacts,
} from './decide';
