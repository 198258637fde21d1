export * from './common';
export * from './programme';
export * from './adviser';
export * from './recommendation';
export * from './action';
export * from './risk';
export * from './ledger';
