// Vite bundles a stylesheet imported for its side effect.
declare module '*.css';
