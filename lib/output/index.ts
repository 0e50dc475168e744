export * from './errors';
export { safeFileName } from './file-names';
export * from './folder-checks';
export { MANIFEST_FILE_NAME } from './manifest';
export * from './owned-folder';
export * from './replaced-folder';
