export {
  appendErr,
  appendOk,
  collect,
  describeEventStoreContract,
  positionsOf,
  readBatches,
  take,
  turns,
  until,
  type ContractOptions,
  type StoreFactory,
  type StoreUnderTest,
} from './contract';
export { runHandlerRace, type HandlerRaceOptions, type HandlerRaceReport } from './concurrency';
export {
  runWithAndWithoutCodeGeneration,
  type CodeGenerationRunOptions,
  type CodeGenerationRuns,
} from './processes';
export {
  birminghamHistory,
  cabinetBody,
  cabinetMeeting,
  eventBeforeTheLimits,
  numberedEvents,
  perTest,
  portOnly,
  proposedEvent,
  sequentialIds,
  statutoryRecommendation,
  steppingClock,
  type ProposedEventOverrides,
} from './fixtures';
export {
  arbAppendBatches,
  arbBirminghamCommands,
  arbCategory,
  arbDay,
  arbEventType,
  arbHash,
  arbId,
  arbInstant,
  arbInstantBetween,
  arbIssuer,
  arbJsonKey,
  arbJsonLeaf,
  arbJsonObject,
  arbProposedEvent,
  arbStreamName,
  birminghamCommands,
  generateHistory,
  type GeneratedCommand,
  type GeneratedEvent,
  type GenerateOptions,
  type ProposedEventArbOptions,
} from './generators';
export {
  COUNTER_POLICY_STREAM,
  CounterCommand,
  counterModel,
  type CounterError,
  type CounterEvent,
  type CounterState,
} from './models';
export {
  CommandLine,
  expectSameExport,
  readCommandFile,
  replayAndExport,
  type LogExporter,
  type ReplayedExport,
} from './export-equality';
export { riskRescoredData, type RiskScore } from './fixtures/rescore';
export {
  riskIdentifiedData,
  riskScore,
  type RiskOwnership,
  type RiskPlace,
  type RiskScoring,
} from './fixtures/risks';
