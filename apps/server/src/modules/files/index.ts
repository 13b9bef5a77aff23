export { storedFiles } from './service.ts';
/** The files module's public face for other modules. */
export { linkDeclarationFiles, readableFiles, referencedFiles } from './access.ts';
