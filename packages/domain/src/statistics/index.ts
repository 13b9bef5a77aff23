export * from './api.ts';
export * from './check.ts';
export * from './config.ts';
export * from './facts.ts';
export * from './groups.ts';
