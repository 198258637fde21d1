export * from './export-store';
export * from './replay';
