export * from './merkle';
export * from './canonical';
export * from './ndjson';
export * from './export/format';
export * from './verify';
