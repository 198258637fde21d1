export * from './status';
export * from './risk';
export * from './rag';
export * from './roles';
export * from './counting';
export * from './rag-v2';
