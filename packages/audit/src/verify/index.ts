export * from './report';
export * from './verifier';
export * from './sources';
