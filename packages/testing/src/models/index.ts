export * from './counter';
