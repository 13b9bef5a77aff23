export { storedFiles } from './service.ts';
