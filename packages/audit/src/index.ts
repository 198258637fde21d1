export * from './merkle';
export * from './canonical';
export * from './ndjson';
export * from './errors';
export * from './export/format';
export * from './export/export';
export * from './verify';
export * from './seal';
