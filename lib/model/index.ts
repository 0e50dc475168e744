export * from './model-object';
export * from './cluster-model';
export * from './from-app';
export * from './from-files';
export { InputError } from './read-manifests';
