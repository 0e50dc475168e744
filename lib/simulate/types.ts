/**
 * Shapes read and written by the simulator.
 *
 * Input: Kubernetes manifests as cdk8s synthesizes them (plain JSON), read only through the
 * field names of the prometheus-operator v0.93 CRDs. Output: the native (snake_case)
 * `alertmanager.yaml` that the operator generates from them.
 *
 * @module
 */

/** `metadata` of a synthesized manifest. */
export interface ManifestMetadata {
  readonly name: string;
  /** Absent means the `default` namespace. */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Kubernetes object as cdk8s synthesizes it: `{apiVersion, kind, metadata, spec}`. */
export interface KubeManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  /** Read through the CRD's field names; never trusted to be well formed. */
  readonly spec?: unknown;
}

/** A route of the native Alertmanager configuration. Field order follows the operator's output. */
export interface NativeRoute {
  receiver?: string;
  group_by?: string[];
  /** Deprecated equality matchers (`match:`), still honoured by Alertmanager. */
  match?: Record<string, string>;
  /** Deprecated regex matchers (`match_re:`), anchored like `=~`. */
  match_re?: Record<string, string>;
  /** Matchers in the `name="value"` string form. */
  matchers?: string[];
  continue?: boolean;
  routes?: NativeRoute[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
}

/** An inhibition rule of the native configuration. */
export interface NativeInhibitRule {
  target_match?: Record<string, string>;
  target_match_re?: Record<string, string>;
  target_matchers?: string[];
  source_match?: Record<string, string>;
  source_match_re?: Record<string, string>;
  source_matchers?: string[];
  equal?: string[];
}

/**
 * A receiver of the native configuration: a name plus integration lists such as
 * `webhook_configs` or `slack_configs`, each a list of snake_case objects.
 */
export interface NativeReceiver {
  name: string;
  [integration: string]: string | Array<Record<string, unknown>>;
}

/** A named time interval (`mute_time_intervals` / `time_intervals` entry). */
export interface NativeTimeInterval {
  name: string;
  time_intervals: Array<Record<string, unknown>>;
}

/** The native `alertmanager.yaml` object, as the operator writes it into the generated secret. */
export interface NativeAlertmanagerConfig {
  global?: Record<string, unknown>;
  route: NativeRoute;
  inhibit_rules?: NativeInhibitRule[];
  receivers: NativeReceiver[];
  mute_time_intervals?: NativeTimeInterval[];
  time_intervals?: NativeTimeInterval[];
  templates: string[];
}

/**
 * Resolves a Kubernetes secret key referenced by a CR (`urlSecret`, `apiURL`, `routingKey`…).
 * @returns the value, or `undefined` when the secret or key does not exist (the operator then
 *   rejects the whole AlertmanagerConfig)
 */
export type SecretResolver = (namespace: string, name: string, key: string) => string | undefined;
