/**
 * `@assure/cli`: the `assure` command. The binary is `dist/bin.js`; this entry exposes the
 * same CLI as a function for tests and embedding, and the pieces it is built from.
 */
export { runCli } from './cli';
export { processIo, type CliIo } from './io';
export { ExitCode, exitCodeOf } from './exit-codes';
export {
  CliErrors,
  describeError,
  type TaggedError,
  type UsageError,
  type UnreadableFile,
} from './errors';
export { DEFAULT_STORE_URL, openStore, parseStoreUrl, type StoreLocation } from './store/url';
export { describeRecord, kebab, camel, type FieldKind, type FieldSchema } from './schema/describe';
export {
  COMMAND_PLACES,
  commandSchemas,
  type CommandPlace,
  type CommandSchema,
  type FlagSchema,
} from './schema/commands';
export { applyCommands, parseLine, type ApplyOptions, type ExecSummary } from './commands/exec';
export { birminghamCommandsFile, DEMO_AS_AT, DEMO_DIR } from './commands/demo';
export {
  progressShown,
  startProgress,
  trackReads,
  withProgress,
  type LogMeasure,
  type Progress,
  type ProgressUnit,
} from './progress';
