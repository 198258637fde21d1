export * from './seal';
export * from './proofs';
