import { parse } from 'yaml';
import { faithfulYaml } from '../yaml/faithful';
import { described, Problems } from '../_util/problems';
import { checkArgs, kindOf, shape as s } from '../_util/shape';

/**
 * The key of an Alertmanager's config Secret that holds its configuration: prometheus-operator
 * reads `alertmanager.yaml` from the Secret `spec.configSecret`, by default `alertmanager-<name>`.
 * @internal
 */
export const ALERTMANAGER_CONFIG_KEY = 'alertmanager.yaml';

// a configuration holds credentials (receiver URLs, API keys): no message shows its text
const TEXT = s.string({ secret: true, fix: 'pass the alertmanager.yaml text, or use AlertmanagerBaseConfig.fromObject()' });
const CONFIG = s.data('Alertmanager configuration', `pass e.g. { route: { receiver: 'null' }, receivers: [{ name: 'null' }] }`);

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
    checkArgs('AlertmanagerBaseConfig.fromYaml', { text: [text, TEXT] });
    const problems = new Problems('AlertmanagerBaseConfig.fromYaml');
    let doc: unknown;
    try {
      doc = parse(text, { uniqueKeys: true });
    } catch (e) {
      // the parser's first line names the line and column, not the text
      problems.addMessages([described('text', kindOf(text), `is not valid YAML: ${(e as Error).message.split('\n')[0]}`, 'correct the YAML, e.g. check its indentation')]);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      problems.addMessages([described('text', kindOf(text), `must be a mapping with route, receivers... (it holds ${kindOf(doc)})`, 'pass the whole alertmanager.yaml')]);
    }
    problems.throwIfAny();
    return new AlertmanagerBaseConfig(text);
  }

  /**
   * A configuration given as an object, in Alertmanager's own field names (`route`, `receivers`,
   * `group_by`...), as in kube-prometheus-stack's `alertmanager.config` value.
   */
  public static fromObject(config: { [key: string]: any }): AlertmanagerBaseConfig {
    checkArgs('AlertmanagerBaseConfig.fromObject', { config: [config, CONFIG] });
    return new AlertmanagerBaseConfig(faithfulYaml(config, { aliasDuplicateObjects: false }));
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
