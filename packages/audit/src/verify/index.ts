export * from './report';
export * from './verifier';
export * from './domain';
export * from './sources';
export * from './snapshot';
export type { LineOutcome, SealOutcome } from './analyse';
export { analyseLine, analyseValue } from './analyse';
export { workerScript as verifyWorkerScript } from './parallel';
export * from './explain';
