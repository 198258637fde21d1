export * from './report';
export * from './verifier';
export * from './domain';
export * from './sources';
