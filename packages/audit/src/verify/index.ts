export * from './report';
export * from './verifier';
export * from './guard';
export * from './domain';
export * from './sources';
