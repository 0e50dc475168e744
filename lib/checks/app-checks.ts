/**
 * The checks in a cdk8s app: registered with the hook the constructs use, so a plain `new App()`
 * runs them once per synth, over all charts, on the model of every object in the app.
 * @module
 */
import { IConstruct } from 'constructs';
import { AppCheckReport, isCheckOwner, perSynth, setAppChecker } from '../hook/app-hook';
import { modelOfApp } from '../model/from-app';
import { runChecks } from './engine';
import { Finding, findingText, findingTextWithSuppression, isBlocking } from './finding';
import { ALLOW_PLAINTEXT_SECRETS_CONTEXT } from './rules/secret-plaintext';
import { annotateSuppressions } from './suppressions';

/** The context key (or `CDK8S_ALERTING_STRICT=1`) that turns warnings into errors. */
export const STRICT_CONTEXT = 'cdk8s-alerting:strict';

/** Whether warnings fail the synth for the app holding `scope`. */
export function isStrict(scope: IConstruct): boolean {
  const ctx = scope.node.tryGetContext(STRICT_CONTEXT);
  return ctx === true || ctx === 'true' || process.env.CDK8S_ALERTING_STRICT === '1' || process.env.CDK8S_ALERTING_STRICT === 'true';
}

/**
 * The construct a finding about the object at `path` is reported on: the nearest construct of
 * this library above it, else the construct holding the ApiObject (cdk8s-plus names its
 * ApiObjects `Resource`), else the ApiObject itself.
 */
function reportingConstruct(c: IConstruct): IConstruct {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (isCheckOwner(s)) { return s; }
  }
  return c.node.id === 'Resource' && c.node.scope ? c.node.scope : c;
}

const FINDINGS = Symbol('findings');

/** Every finding of the app holding `scope`, computed once per validation pass. */
export function findingsOf(scope: IConstruct): Finding[] {
  const root = scope.node.root;
  return perSynth(root, FINDINGS, () => currentFindingsOf(root));
}

/**
 * Every finding of the app holding `scope`, computed now from the app as it is (no cache: for
 * callers that change the app between two questions, such as tests).
 * @internal
 */
export function currentFindingsOf(scope: IConstruct): Finding[] {
  const root = scope.node.root;
  // Suppressions.add on a construct: annotate the ApiObjects created after the call too, so
  // the model (and the synthesized YAML) carries them.
  annotateSuppressions(root);
  const { model, constructs } = modelOfApp(root);
  const allow = root.node.tryGetContext(ALLOW_PLAINTEXT_SECRETS_CONTEXT);
  const findings = runChecks(model, { allowPlaintextSecrets: allow === true || allow === 'true' });
  return findings.map((f) => {
    const at = f.object.source.constructPath !== undefined ? constructs.get(f.object.source.constructPath) : undefined;
    return at ? { ...f, construct: reportingConstruct(at) } : f;
  });
}

/**
 * Every finding of the app holding `scope`, grouped by the construct it is reported on.
 */
export function wiringFindings(scope: IConstruct): Map<IConstruct, Finding[]> {
  const byConstruct = new Map<IConstruct, Finding[]>();
  for (const f of findingsOf(scope)) {
    const c = f.construct ?? scope.node.root;
    byConstruct.set(c, [...(byConstruct.get(c) ?? []), f]);
  }
  return byConstruct;
}

function report(root: IConstruct): AppCheckReport {
  const strict = isStrict(root);
  const errors: Array<{ construct: IConstruct; message: string }> = [];
  const warnings: Array<{ construct: IConstruct; message: string }> = [];
  const notices: Array<{ construct: IConstruct; message: string }> = [];
  for (const f of findingsOf(root)) {
    const construct = f.construct ?? root;
    if (f.suppressed) {
      notices.push({ construct, message: `suppressed ${f.severity} ${findingTextWithSuppression(f)}` });
    } else {
      (isBlocking(f, strict) ? errors : warnings).push({ construct, message: findingText(f) });
    }
  }
  return { errors, warnings, notices };
}

setAppChecker(report);
