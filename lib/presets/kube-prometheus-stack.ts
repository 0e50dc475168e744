import { ExistingAlertmanagerProps, MatcherStrategy } from '../alertmanager/alertmanager-cluster';
import { AlertmanagerBaseConfig } from '../alertmanager/base-config';
import { NamespaceSelector } from '../namespace-selector';
import { ExistingPrometheusProps } from '../prometheus/prometheus';
import { Problems } from '../_util/problems';
import { checkArgs, checkProps, known, shape as s } from '../_util/shape';
import { checkDns1123Label, checkDns1123Subdomain } from '../validation';

/** The chart's name, the default of `nameOverride`. */
const CHART_NAME = 'kube-prometheus-stack';
/** `kube-prometheus-stack.fullname` truncates to 26 characters (the longest suffix it adds is 37). */
const FULLNAME_MAX = 26;

/** Helm's `trunc n | trimSuffix "-"`: Go's TrimSuffix removes one trailing "-". */
function truncTrim(s: string, n: number): string {
  const t = s.slice(0, n);
  return t.endsWith('-') ? t.slice(0, -1) : t;
}

/**
 * Props of {@link KubePrometheusStack}: the Helm release and the values that change object names.
 */
export interface KubePrometheusStackProps {
  /** The Helm release name (`helm install <release> prometheus-community/kube-prometheus-stack`). */
  readonly releaseName: string;
  /** The release namespace (or the chart's `namespaceOverride`). */
  readonly namespace: string;
  /**
   * The chart's `alertmanager.namespaceOverride`.
   * @default - the release namespace
   */
  readonly alertmanagerNamespace?: string;
  /**
   * The chart's `fullnameOverride`.
   * @default - none: the full name is derived from the release name
   */
  readonly fullnameOverride?: string;
  /**
   * The chart's `nameOverride`.
   * @default 'kube-prometheus-stack'
   */
  readonly nameOverride?: string;
  /**
   * The chart's `cleanPrometheusOperatorObjectNames`: the Alertmanager and Prometheus objects are
   * named `<fullname>` instead of `<fullname>-alertmanager` and `<fullname>-prometheus`.
   * @default false
   */
  readonly cleanPrometheusOperatorObjectNames?: boolean;
}

/**
 * Values of the chart's `alertmanager.alertmanagerSpec` that change how its Alertmanager selects
 * and merges routing configs.
 */
export interface KubePrometheusStackAlertmanagerOptions {
  /**
   * The `matchLabels` of `alertmanagerSpec.alertmanagerConfigSelector`.
   * @default {} - the chart's default selects every AlertmanagerConfig
   */
  readonly configSelectorLabels?: { [key: string]: string };
  /**
   * `alertmanagerSpec.alertmanagerConfigNamespaceSelector`.
   * @default NamespaceSelector.all() - the chart's default `{}`
   */
  readonly configNamespaceSelector?: NamespaceSelector;
  /**
   * `alertmanagerSpec.alertmanagerConfigMatcherStrategy.type`.
   * @default MatcherStrategy.ON_NAMESPACE - the chart leaves it unset, so the operator's default applies
   */
  readonly matcherStrategy?: MatcherStrategy;
  /**
   * The configuration the chart renders into the config Secret (`alertmanager.config`, or
   * `alertmanager.stringConfig`). Pass yours when your values change `alertmanager.config`.
   * @default AlertmanagerBaseConfig.kubePrometheusStackDefault()
   */
  readonly baseConfig?: AlertmanagerBaseConfig;
  /**
   * Whether the base configuration is declared at all. Set it to false with
   * `alertmanagerSpec.useExistingSecret` when the Secret's content is unknown here: the checks and
   * the effective configuration then assume nothing about it.
   * @default true
   */
  readonly declareBaseConfig?: boolean;
  /**
   * `alertmanagerSpec.configSecret` (with `useExistingSecret: true`).
   * @default - `alertmanager-<Alertmanager name>`, the Secret the chart renders
   */
  readonly configSecretName?: string;
  /**
   * The Alertmanager version (`alertmanagerSpec.image.tag`), e.g. `v0.28.1`.
   * @default - not declared
   */
  readonly version?: string;
}

/**
 * Values of the chart's `prometheus.prometheusSpec` that change how its Prometheus selects rules.
 */
export interface KubePrometheusStackPrometheusOptions {
  /**
   * The `matchLabels` of `prometheusSpec.ruleSelector`; `{}` for `ruleSelectorNilUsesHelmValues: false`.
   * @default { release: <release name> } - `ruleSelectorNilUsesHelmValues: true`, the chart's default
   */
  readonly ruleSelectorLabels?: { [key: string]: string };
  /**
   * `prometheusSpec.ruleNamespaceSelector`.
   * @default NamespaceSelector.all() - the chart's default `{}`
   */
  readonly ruleNamespaceSelector?: NamespaceSelector;
}

// types only: the names' syntax is checked with the other problems
const PROPS = s.struct('KubePrometheusStackProps', {
  releaseName: s.string({ fix: `pass the Helm release name, e.g. 'kube-prometheus-stack'` }),
  namespace: s.string({ fix: `pass the release namespace, e.g. 'monitoring'` }),
  alertmanagerNamespace: s.optional(s.string({ fix: `pass the chart's alertmanager.namespaceOverride, or leave it out` })),
  fullnameOverride: s.optional(s.string({ fix: `pass the chart's fullnameOverride, or leave it out` })),
  nameOverride: s.optional(s.string({ fix: `pass the chart's nameOverride, or leave it out` })),
  cleanPrometheusOperatorObjectNames: s.optional(s.boolean()),
});
const ALERTMANAGER_OPTIONS = s.struct('KubePrometheusStackAlertmanagerOptions', {
  configSelectorLabels: s.optional(s.map()),
  configNamespaceSelector: s.optional(known.namespaceSelector),
  // an unknown strategy is reported by AlertmanagerCluster.fromExisting with the list of strategies
  matcherStrategy: s.optional(s.oneOf(MatcherStrategy, 'MatcherStrategy', { strict: false })),
  baseConfig: s.optional(known.baseConfig),
  declareBaseConfig: s.optional(s.boolean()),
  configSecretName: s.optional(s.string({ nonEmpty: true, fix: `pass the config Secret's name, or leave it out for alertmanager-<name>` })),
  version: s.optional(s.string({ fix: `use a release tag such as 'v0.28.1'` })),
});
const PROMETHEUS_OPTIONS = s.struct('KubePrometheusStackPrometheusOptions', {
  ruleSelectorLabels: s.optional(s.map()),
  ruleNamespaceSelector: s.optional(known.namespaceSelector),
});

/**
 * A kube-prometheus-stack Helm release: the names and defaults of the objects the chart renders
 * (chart 88.x, prometheus-operator v0.93), for `AlertmanagerCluster.fromExisting` and
 * `Prometheus.fromExisting`.
 *
 * Names follow the chart's `kube-prometheus-stack.fullname`: the release name when it contains
 * the chart name, else `<release>-kube-prometheus-stack`, cut to 26 characters (a trailing `-`
 * removed). The Alertmanager is `<fullname>-alertmanager`, its config Secret
 * `alertmanager-<fullname>-alertmanager`, the Prometheus `<fullname>-prometheus`.
 *
 * @example
 * const kps = new KubePrometheusStack({ releaseName: 'kube-prometheus-stack', namespace: 'monitoring' });
 * const alertmanager = AlertmanagerCluster.fromExisting(this, 'Alertmanager', kps.alertmanagerProps());
 * const prometheus = Prometheus.fromExisting(this, 'Prometheus', kps.prometheusProps());
 */
export class KubePrometheusStack {
  /** The release name. */
  public readonly releaseName: string;
  /** The release namespace, where the Prometheus lives. */
  public readonly namespace: string;
  /** The Alertmanager's namespace. */
  public readonly alertmanagerNamespace: string;
  /** The chart's `kube-prometheus-stack.fullname`. */
  public readonly fullname: string;
  /** The Alertmanager object's name. */
  public readonly alertmanagerName: string;
  /** The Prometheus object's name. */
  public readonly prometheusName: string;
  /** The Service the chart's Prometheus sends alerts to: `<fullname>-alertmanager`, port `http-web` (9093). */
  public readonly alertmanagerServiceName: string;
  /** The chart's `kube-prometheus-stack.name` (`nameOverride`, else the chart's name), used in its `app` labels. */
  private readonly chartName: string;

  constructor(props: KubePrometheusStackProps) {
    checkProps('KubePrometheusStack', props, PROPS);
    const problems = new Problems('KubePrometheusStack');
    if (props.releaseName === '') {
      problems.add('releaseName', props.releaseName, 'is required', `pass the Helm release name, e.g. 'kube-prometheus-stack'`);
    } else {
      problems.addMessages(checkDns1123Label('releaseName', props.releaseName));
    }
    if (props.namespace === '') {
      problems.add('namespace', props.namespace, 'is required', `pass the release namespace, e.g. 'monitoring'`);
    } else {
      problems.addMessages(checkDns1123Label('namespace', props.namespace));
    }
    if (props.alertmanagerNamespace !== undefined) { problems.addMessages(checkDns1123Label('alertmanagerNamespace', props.alertmanagerNamespace)); }
    problems.throwIfAny();
    this.releaseName = props.releaseName;
    this.namespace = props.namespace;
    this.alertmanagerNamespace = props.alertmanagerNamespace ?? props.namespace;
    const name = props.nameOverride || CHART_NAME;
    this.chartName = truncTrim(name, 50);
    this.fullname = props.fullnameOverride
      ? truncTrim(props.fullnameOverride, FULLNAME_MAX)
      : props.releaseName.includes(name) ? truncTrim(props.releaseName, FULLNAME_MAX) : truncTrim(`${props.releaseName}-${name}`, FULLNAME_MAX);
    const clean = props.cleanPrometheusOperatorObjectNames ?? false;
    this.alertmanagerName = clean ? this.fullname : `${this.fullname}-alertmanager`;
    this.prometheusName = clean ? this.fullname : `${this.fullname}-prometheus`;
    this.alertmanagerServiceName = `${this.fullname}-alertmanager`;
    if (checkDns1123Subdomain('fullname', this.fullname).length) {
      // the full name comes from the override, else from the release name and nameOverride
      const field = props.fullnameOverride ? 'fullnameOverride' : props.nameOverride ? 'nameOverride' : 'releaseName';
      problems.add(field, props[field], `makes the chart's full name ${JSON.stringify(this.fullname)}, which is not a valid object name (a lowercase RFC 1123 subdomain)`,
        `use only lower case letters, digits, '-' and '.', starting and ending with a letter or digit`);
      problems.throwIfAny();
    }
  }

  /** The labels the chart's selectors use by default: `release: <release name>`. */
  public get selectorLabels(): { [key: string]: string } {
    return { release: this.releaseName };
  }

  /** The name of the Secret the chart renders the Alertmanager configuration into. */
  public get configSecretName(): string {
    return `alertmanager-${this.alertmanagerName}`;
  }

  /** The props of `AlertmanagerCluster.fromExisting` for the chart's Alertmanager. */
  public alertmanagerProps(options: KubePrometheusStackAlertmanagerOptions = {}): ExistingAlertmanagerProps {
    checkArgs('KubePrometheusStack.alertmanagerProps', { options: [options, ALERTMANAGER_OPTIONS] });
    return {
      name: this.alertmanagerName,
      namespace: this.alertmanagerNamespace,
      configSelectorLabels: { ...options.configSelectorLabels },
      configNamespaceSelector: options.configNamespaceSelector ?? NamespaceSelector.all(),
      matcherStrategy: options.matcherStrategy,
      configSecretName: options.configSecretName,
      baseConfig: options.declareBaseConfig === false ? undefined : options.baseConfig ?? AlertmanagerBaseConfig.kubePrometheusStackDefault(),
      version: options.version,
      labels: { 'app': `${this.chartName}-alertmanager`, 'app.kubernetes.io/instance': this.releaseName, 'release': this.releaseName },
    };
  }

  /** The props of `Prometheus.fromExisting` for the chart's Prometheus. */
  public prometheusProps(options: KubePrometheusStackPrometheusOptions = {}): ExistingPrometheusProps {
    checkArgs('KubePrometheusStack.prometheusProps', { options: [options, PROMETHEUS_OPTIONS] });
    return {
      name: this.prometheusName,
      namespace: this.namespace,
      ruleSelectorLabels: options.ruleSelectorLabels ? { ...options.ruleSelectorLabels } : this.selectorLabels,
      ruleNamespaceSelector: options.ruleNamespaceSelector ?? NamespaceSelector.all(),
      alertmanagerEndpoints: [{ name: this.alertmanagerServiceName, namespace: this.alertmanagerNamespace, port: 'http-web' }],
    };
  }
}
