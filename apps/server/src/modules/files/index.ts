export { loadFile, storedFiles, storeFile } from './service.ts';
/** The files module's public face for other modules. */
export {
  attachFileToRecord,
  declarationFileLinks,
  linkDeclarationFiles,
  readableFiles,
  referencedFiles,
  type FileLink,
} from './access.ts';
