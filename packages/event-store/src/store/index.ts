export * from './errors';
export * from './port';
export * from './expected';
export * from './notifier';
export * from './subscription';
export * from './chain';
export * from './batches';
export * from './recorded-at';
