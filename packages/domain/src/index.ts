// The package's public surface. Each aggregate lives in its own folder (programme, adviser,
// recommendation, action, risk, ledger): its commands, events, state and decider together.
export * from './codec';
export * from './model';
export * from './errors';
export * from './time';
export * from './policies';
export * from './programme';
export * from './adviser';
export * from './recommendation';
export * from './action';
export * from './risk';
export * from './ledger';
export {
  Command,
  commandCategory,
  commandCodecs,
  commandMeta,
  commandTypes,
  isCommandOf,
  type Category,
  type CommandData,
  type CommandMeta,
  type CommandOf,
  type CommandType,
  type CommandsIn,
} from './commands';
export {
  buildCommand,
  commands,
  type AnyCommandInput,
  type CommandBuilder,
  type CommandBuilders,
  type CommandInput,
  type CommandInputOf,
} from './command-input';
export {
  CURRENT_SCHEMA_VERSION,
  DomainEvent,
  LEDGER_STREAM,
  event,
  eventCategory,
  eventCodecs,
  eventTypes,
  isEventOf,
  isEventType,
  streamOfEvent,
  type EventData,
  type EventOf,
  type EventType,
  type EventsOf,
} from './events';
export {
  emit,
  patch,
  refuse,
  type Absent,
  type Decider,
  type CommandsOf,
  type Decision,
  type Facts,
} from './decision';
export * from './domain-model';
