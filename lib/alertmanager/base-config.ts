import { parse, stringify } from 'yaml';

/**
 * The key of an Alertmanager's config Secret that holds its configuration: prometheus-operator
 * reads `alertmanager.yaml` from the Secret `spec.configSecret`, by default `alertmanager-<name>`.
 */
export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';

/**
 * The base configuration of an existing Alertmanager: the `alertmanager.yaml` its config Secret
 * holds, such as the one kube-prometheus-stack renders from its `alertmanager.config` value.
 *
 * prometheus-operator merges every AlertmanagerConfig it selects under this configuration: their
 * routes go first under its root route, their receivers after its own.
 */
export class AlertmanagerBaseConfig {
  /**
   * A configuration given as `alertmanager.yaml` text.
   * @throws Error when the text is not YAML or not a mapping
   */
  public static fromYaml(text: string): AlertmanagerBaseConfig {
    if (typeof text !== 'string') {
      throw new Error(`AlertmanagerBaseConfig.fromYaml: the configuration must be YAML text (got ${typeof text}). Fix: pass the alertmanager.yaml text, or use AlertmanagerBaseConfig.fromObject()`);
    }
    let doc: unknown;
    try {
      doc = parse(text, { uniqueKeys: true });
    } catch (e) {
      throw new Error(`AlertmanagerBaseConfig.fromYaml: the configuration is not valid YAML: ${(e as Error).message.split('\n')[0]}. Fix: correct the YAML, e.g. check its indentation`);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      throw new Error(`AlertmanagerBaseConfig.fromYaml: the configuration must be a mapping with route, receivers... (got ${Array.isArray(doc) ? 'a list' : typeof doc}). Fix: pass the whole alertmanager.yaml`);
    }
    return new AlertmanagerBaseConfig(text);
  }

  /**
   * A configuration given as an object, in Alertmanager's own field names (`route`, `receivers`,
   * `group_by`...), as in kube-prometheus-stack's `alertmanager.config` value.
   */
  public static fromObject(config: { [key: string]: any }): AlertmanagerBaseConfig {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new Error(`AlertmanagerBaseConfig.fromObject: the configuration must be an object (got ${config === null ? 'null' : Array.isArray(config) ? 'a list' : typeof config}). Fix: pass e.g. { route: { receiver: 'null' }, receivers: [{ name: 'null' }] }`);
    }
    return new AlertmanagerBaseConfig(stringify(config, { lineWidth: 0, aliasDuplicateObjects: false }));
  }

  /**
   * kube-prometheus-stack's default `alertmanager.config` (chart 88.x, values.yaml): everything
   * goes to the `null` receiver grouped by `namespace` (30s / 5m / 12h), `Watchdog` explicitly so,
   * the chart's four inhibit rules (critical mutes warning and info, warning mutes info,
   * `InfoInhibitor`), `resolve_timeout: 5m` and the templates `/etc/alertmanager/config/*.tmpl`.
   */
  public static kubePrometheusStackDefault(): AlertmanagerBaseConfig {
    return AlertmanagerBaseConfig.fromObject({
      global: { resolve_timeout: '5m' },
      inhibit_rules: [
        { source_matchers: ['severity = critical'], target_matchers: ['severity =~ warning|info'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['severity = warning'], target_matchers: ['severity = info'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['alertname = InfoInhibitor'], target_matchers: ['severity = info'], equal: ['namespace'] },
        { target_matchers: ['alertname = InfoInhibitor'] },
      ],
      route: {
        group_by: ['namespace'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '12h',
        receiver: 'null',
        routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }],
      },
      receivers: [{ name: 'null' }],
      templates: ['/etc/alertmanager/config/*.tmpl'],
    });
  }

  private constructor(
    /** The `alertmanager.yaml` text. */
    public readonly yaml: string,
  ) {}
}
