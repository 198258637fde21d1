export { decodeProjectionEvent, type ProjectionEvent } from './events';
export {
  initialStates,
  isHeadView,
  type EnvelopeHead,
  type HeadView,
  type Projected,
  type ProjectedHead,
  type View,
  type ViewSet,
} from './view/view';
export {
  handlerView,
  headHandlerView,
  type Handlers,
  type HandlerViewSpec,
  type HeadHandlers,
} from './view/handlers';
export {
  ProjectionErrors,
  type EventUndecodable,
  type OnChangeFailed,
  type ProjectionError,
  type ViewFailed,
} from './view/errors';
export {
  atOrBefore,
  comparePositions,
  dayOf,
  isDay,
  isInstant,
  timeWindow,
  todayOf,
  validateTimeTravel,
  type InvalidTimeTravel,
  type TimeTravel,
} from './view/time';
export {
  Projector,
  type Checkpointed,
  type EventDecoder,
  type FollowOptions,
  type ProjectorOptions,
} from './view/runner';
export {
  ActionFacts,
  ActionStatus,
  AdviserFacts,
  AreaFacts,
  AssessmentFacts,
  BodyFacts,
  byId,
  MeetingFacts,
  ProgrammeFacts,
  RECOMMENDATION_STATUSES,
  RecommendationFacts,
  RecommendationStatus,
  RiskFacts,
  ScorePair,
} from './models/facts';
export { mapOf } from './models/map-codec';
export * from './models/views';
export {
  statusReport,
  type ActionCounters,
  type AreaStatus,
  type ProgrammeStatus,
  type RecommendationCounters,
  type RiskCounters,
  type StatusCounters,
  type StatusDocument,
  type StatusOptions,
  type StatusStates,
} from './models/status';
export {
  considerationDeadline,
  trackerReport,
  type TrackerDocument,
  type TrackerOptions,
  type TrackerRow,
  type TrackerStates,
} from './models/tracker';
export {
  csvCell,
  neutraliseCell,
  toCsv,
  TRACKER_CSV_COLUMNS,
  trackerCells,
  trackerCsv,
} from './models/csv';
export {
  riskRegister,
  type MitigatingActionRow,
  type RiskRegisterDocument,
  type RiskRegisterOptions,
  type RiskRow,
  type ScoredPosition,
} from './models/risks';
export { adviserRoster, type RosterDocument, type RosterRow } from './models/roster';
export {
  judgementTrend,
  stocktakeReport,
  type CriterionRow,
  type JudgementTrend,
  type ProgrammeStocktakes,
  type StocktakesDocument,
} from './models/stocktakes';
export { evidenceOf, reasonOf, summarize } from './models/summary';
export {
  fullTrailView,
  TRAIL_CSV_COLUMNS,
  trailCells,
  trailCsv,
  trailMatches,
  trailReport,
  TrailRow,
  TrailState,
  TrailStateCodec,
  trailView,
  type TrailDocument,
  type TrailFilter,
} from './models/trail';
export { ProjectionFailure, streamTrail, type StreamTrailOptions } from './models/trail-stream';
export {
  changesSinceLastMeeting,
  programmeOfStream,
  type BodyChanges,
  type ChangesDocument,
  type ChangesStates,
} from './models/changes';
export {
  entityViews,
  FullReadModels,
  ReadModels,
  readModelViews,
  type EntityStates,
  type PointOfView,
  type ReadModelStates,
} from './models/read-models';
export {
  encodeSnapshot,
  sealSnapshot,
  sha256Of,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  snapshotable,
  snapshotChunks,
  snapshotDigest,
  SnapshotHead,
  SnapshotSection,
  type EncodedSnapshot,
  type SnapshotBody,
  type SnapshotMeta,
} from './storage/snapshot';
export {
  decodeSnapshot,
  DIGEST_MISMATCH,
  openSnapshot,
  type SnapshotFile,
  type SnapshotUnusable,
} from './storage/snapshot-file';
export {
  fileSnapshotStore,
  memorySnapshotStore,
  type SnapshotIoFailed,
  type SnapshotStore,
} from './storage/stores';
export { loadOrBuild, type LoadOptions, type LoadResult, type LoadSource } from './storage/load';
export { followWithSnapshots, type Followed, type SnapshotFollowOptions } from './storage/follow';
export { checkSnapshot, type CheckSnapshotOptions, type SnapshotCheck } from './storage/check';
export { fullReadModels, readModels, type Loaded, type ReadOptions } from './read';
export {
  readModelsFromJournal,
  withEventJournal,
  type EventJournal,
  type WithEventJournal,
} from './journal-read';
