/**
 * A cdk8s CLI validation plugin: `cdk8s synth` runs every check of this library over the
 * manifests it wrote and shows the findings in its own report, with construct paths.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk8s-alerting
 *     class: AlertingValidation
 *     version: 0.1.0
 *     properties:
 *       strict: false
 *       config: .cdk8s-alerting.yaml     # optional: suppressions, as for `check --config`
 *       suppressions:                    # optional: more suppressions, inline
 *         - { id: flux-double-post, reason: "the audit channel wants both", kind: Alert, name: audit }
 *       alertSources: [alert-sources.yaml]  # optional: ExternalAlertSource documents
 * ```
 *
 * The interface is cdk8s-cli's `Validation` (lib/plugins/validation.d.ts), declared here by
 * shape so that the library does not depend on cdk8s-cli at run time.
 * @module
 */
import type { SuppressionRule } from '../checks/check';
import { runChecks } from '../checks/engine';
import { isBlocking } from '../checks/finding';
import { modelOfFiles } from '../model/from-files';
import { readSuppressionConfig, suppressionRulesOf } from '../suppressions/config-file';
import { checkProps, shape as s } from '../_util/shape';

// the props come from cdk8s.yaml's `validations:` entry: YAML, not TypeScript. The suppression
// entries are read (and their shape reported, naming the plugin) by suppressionRulesOf.
const PROPS = s.struct('AlertingValidationProps', {
  strict: s.optional(s.boolean()),
  allowPlaintextSecrets: s.optional(s.boolean()),
  config: s.optional(s.string({ nonEmpty: true, fix: 'give the path of a suppressions file, e.g. .cdk8s-alerting.yaml' })),
  suppressions: s.optional(s.any()),
  alertSources: s.optional(s.list(s.string({ nonEmpty: true }), { fix: 'list ExternalAlertSource files, e.g. [alert-sources.yaml]' })),
});

/**
 * The part of cdk8s-cli's `ValidationContext` the plugin uses.
 * @jsii ignore cdk8s-cli's TypeScript interface is no jsii API
 */
export interface ValidationPluginContext {
  /** The manifests cdk8s synthesized. */
  readonly manifests: readonly string[];
  /** The report the findings go to. */
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: ReadonlyArray<{ readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** Where the plugin logs. */
  readonly logger: { log(message: string): void };
}

/**
 * Properties of {@link AlertingValidation}, from `properties:` in cdk8s.yaml.
 * @jsii ignore read from cdk8s.yaml by the cdk8s CLI and no jsii API
 */
export interface AlertingValidationProps {
  /**
   * Whether warnings fail the synth.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Whether Secrets whose values are in the manifests are allowed.
   * @default false
   */
  readonly allowPlaintextSecrets?: boolean;
  /**
   * YAML files (or folders) of `ExternalAlertSource` documents: alerts that reach the
   * Alertmanagers from outside the app. Relative paths are read from the working directory.
   * @default - none
   */
  readonly alertSources?: string[];
  /**
   * A YAML file of suppressions (`suppressions: [{ id, reason, kind?, namespace?, name? }]`), as
   * for `cdk8s-alerting check --config`, relative to the directory `cdk8s synth` runs in.
   * @default - none
   */
  readonly config?: string;
  /**
   * Suppressions, in the same form as the config file's entries. Findings they cover are
   * listed as suppressed, with the reason, and fail nothing.
   * @default - none (the `suppress.cdk8s-alerting.io/<check-id>` annotations on the objects still apply)
   */
  readonly suppressions?: SuppressionRule[];
}

/**
 * Runs the checks of cdk8s-alerting as a cdk8s CLI validation plugin. Errors fail the report
 * (and `cdk8s synth` exits 2); warnings are listed and fail it only with `strict: true`.
 *
 * Exported by the package's main entry too, where the cdk8s CLI looks for it
 * (`package: ./node_modules/cdk8s-alerting` in cdk8s.yaml), but not part of the jsii API: the
 * cdk8s CLI loads it in Node.js, whatever language the app is written in.
 * @jsii ignore the cdk8s CLI's plugin interface (TypeScript types of cdk8s-cli) is no jsii API
 */
export class AlertingValidation {
  private readonly props: AlertingValidationProps;

  constructor(props: AlertingValidationProps = {}) {
    // null is what an empty `properties:` in cdk8s.yaml gives
    checkProps('AlertingValidation', props ?? {}, PROPS);
    this.props = props ?? {};
  }

  /** Runs every check over `context.manifests` and fills the report. */
  public async validate(context: ValidationPluginContext): Promise<void> {
    let model, problems, suppressions: SuppressionRule[];
    try {
      suppressions = [
        ...(this.props.config !== undefined ? readSuppressionConfig(this.props.config) : []),
        ...suppressionRulesOf(this.props.suppressions, 'cdk8s.yaml validations properties', 'cdk8s.yaml'),
      ];
      ({ model, problems } = modelOfFiles([...context.manifests, ...(this.props.alertSources ?? [])]));
    } catch (e) {
      context.logger.log(`cdk8s-alerting: ${(e as Error).message}`);
      context.report.submit('failure');
      return;
    }
    const findings = runChecks(model, { allowPlaintextSecrets: this.props.allowPlaintextSecrets === true, suppressions });
    // Documents that are not YAML objects at all (model problems come as invalid-object findings).
    for (const p of problems.filter((x) => !model.problems.includes(x))) {
      context.report.addViolation({
        ruleName: 'invalid-object',
        recommendation: `${p.object ?? 'a document'}: ${p.message}`,
        fix: 'give the field the type the CRD defines',
        violatingResources: [{ resourceName: p.object?.split('/').pop() ?? '', locations: [`document ${p.source.doc ?? 0}`], manifestPath: p.source.file ?? '' }],
      });
    }
    let failed = problems.length > model.problems.length;
    for (const f of findings) {
      const blocking = isBlocking(f, this.props.strict === true);
      failed = failed || blocking;
      context.report.addViolation({
        ruleName: `${f.check} (${f.suppressed ? `suppressed ${f.severity}` : blocking ? 'error' : 'warning'})`,
        recommendation: f.suppressed ? `${f.message}. Suppressed because: ${f.suppressed.reason} (${f.suppressed.by})` : f.message,
        fix: f.fix,
        violatingResources: [{ resourceName: f.object.name, locations: [`${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`], manifestPath: f.object.source.file ?? '' }],
      });
    }
    context.report.submit(failed ? 'failure' : 'success', {
      findings: String(findings.length),
      suppressed: String(findings.filter((f) => f.suppressed).length),
      objects: String(model.objects.length),
    });
  }
}
