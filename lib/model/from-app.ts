/**
 * The model of a cdk8s app: every ApiObject in the tree, whatever library made it (this one,
 * any cdk8s-plus, imported classes, `Include`, `Helm`), rendered to JSON, plus the objects
 * constructs declared as existing in the cluster.
 * @module
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { externalObjectsOf, renderShared } from '../hook/app-hook';
import { ClusterModel, ModelInput } from './cluster-model';

/** A model of an app, with the constructs its objects came from. */
export interface AppModel {
  /** The model. */
  readonly model: ClusterModel;
  /** The construct of each construct path in the model's sources. */
  readonly constructs: ReadonlyMap<string, IConstruct>;
}

/**
 * Builds the model of the app rooted at `root`: one JSON rendering of every ApiObject (found by
 * cdk8s' own `ApiObject.isApiObject`, not by class), in tree order. Within AlertingApp's synth
 * the renderings are shared with the YAML writer (see `withSharedRenders`).
 */
export function modelOfApp(root: IConstruct): AppModel {
  const inputs: ModelInput[] = [];
  const constructs = new Map<string, IConstruct>();
  for (const c of root.node.findAll()) {
    if (!ApiObject.isApiObject(c)) { continue; }
    constructs.set(c.node.path, c);
    // During AlertingApp's synth, the same rendering is written to the YAML (it is never changed).
    inputs.push({ value: renderShared(c, () => (c as ApiObject).toJson()), source: { constructPath: c.node.path } });
  }
  for (const { scope, manifest } of externalObjectsOf(root)) {
    constructs.set(scope.node.path, scope);
    inputs.push({ value: manifest, source: { constructPath: scope.node.path, external: true } });
  }
  return { model: ClusterModel.build(inputs), constructs };
}
