export * from './hash';
export * from './frontier';
export * from './proof';
