/**
 * The model of YAML files on disk: a `cdk8s synth` output folder, or any Flux repository.
 * @module
 */
import { ClusterModel, ModelProblem } from './cluster-model';
import { readManifests } from './read-manifests';

/** A model read from files, with what could not be read. */
export interface FileModel {
  /** The model. */
  readonly model: ClusterModel;
  /** Unusable documents and fields, each with its file and document index. */
  readonly problems: readonly ModelProblem[];
  /** Things skipped on purpose (special files, empty documents). */
  readonly notes: readonly string[];
}

/**
 * Reads every Kubernetes object in `paths` (files, or folders searched recursively for
 * `*.yaml`/`*.yml`) into a model.
 * @throws InputError when a path is unusable (missing, unreadable, no YAML in it)
 */
export function modelOfFiles(paths: readonly string[]): FileModel {
  const read = readManifests(paths);
  const model = ClusterModel.build(read.documents.map((d) => ({ value: d.value, source: { file: d.file, doc: d.index } })));
  return {
    model,
    problems: [...read.problems.map((p) => ({ source: { file: p.file, doc: p.index ?? 0 }, message: p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}: ${p.problem}` : p.problem })), ...model.problems],
    notes: read.notes,
  };
}
