export { loadFile, storedFiles, storeFile } from './service.ts';
/** The files module's public face for other modules. */
export { attachFileToRecord, linkDeclarationFiles, readableFiles, referencedFiles } from './access.ts';
