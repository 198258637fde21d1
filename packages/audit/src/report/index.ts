export * from './details';
export * from './model';
export * from './render';
export * from './render-html';
export * from './text';
