export * from './status';
export * from './risk';
export * from './rag';
export * from './roles';
