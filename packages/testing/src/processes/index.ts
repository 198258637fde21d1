export * from './code-generation';
