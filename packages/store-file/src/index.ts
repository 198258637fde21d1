export { openFileStore } from './open';
export type { FileStore, FileStoreOptions, FileStoreStats } from './options';
export { LockHolder, type StoreLogger } from './lock';
export { decodeLine } from './line-codec';
export {
  LineScanner,
  type ChunkObserver,
  type LineBlock,
  type LineSkip,
  type RawLine,
} from './lines';
export {
  openLogReader,
  positionsAreByteOffsets,
  type LogReaderOptions,
  type SeekingLogReader,
} from './seek-reader';
export { verifiedPrefixPath } from './verified-prefix';
export {
  openLogLoader,
  type LoadedLog,
  type LogLoader,
  type LogLoaderOptions,
  type LogNotEmpty,
} from './log-loader';
