export * from './config.ts';
export * from './match.ts';
export * from './similarity.ts';
