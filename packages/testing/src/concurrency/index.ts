export * from './handler-race';
