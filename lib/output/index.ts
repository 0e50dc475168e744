export * from './folder-checks';
export * from './owned-folder';
export * from './replaced-folder';
