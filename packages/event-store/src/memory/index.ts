export * from './memory-store';
export type { MemoryStoreOptions } from './options';
