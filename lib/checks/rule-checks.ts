import { NamespaceSelector } from '../namespace-selector';
import { IPrometheus } from '../prometheus/prometheus';
import { AppIndex, hasLabels, labelsOf } from './app-index';
import { Finding, Severity } from './finding';

/**
 * A PrometheusRule the Prometheus it is meant for does not select, by labels or namespace;
 * or, with no Prometheus named, one that no Prometheus in the app selects.
 * @internal
 */
export function ruleSelectionFindings(index: AppIndex): Finding[] {
  const findings: Finding[] = [];
  for (const rules of index.rules) {
    const labels = labelsOf(rules.resource);
    const why = (p: IPrometheus) => selectionGap(p, labels, rules.namespace);
    if (rules.prometheus) {
      const gap = why(rules.prometheus);
      if (gap) {
        findings.push({ construct: rules, severity: Severity.ERROR, check: 'rule-not-selected', message: `Prometheus ${rules.prometheus.namespace}/${rules.prometheus.name} never loads this PrometheusRule: ${gap}` });
      }
    } else if (index.prometheuses.length && index.prometheuses.every((p) => why(p))) {
      findings.push({
        construct: rules,
        severity: Severity.ERROR,
        check: 'rule-not-selected',
        message: `no Prometheus in this app selects this PrometheusRule (${index.prometheuses.map((p) => `${p.namespace}/${p.name}: ${why(p)}`).join('; ')}). Fix: pass prometheus: <the Prometheus> so the rule gets its selector labels`,
      });
    }
  }
  return findings;
}

function selectionGap(p: IPrometheus, labels: { [k: string]: string }, namespace: string): string | undefined {
  if (!hasLabels(labels, p.ruleSelectorLabels)) {
    return `its ruleSelector needs the labels ${JSON.stringify(p.ruleSelectorLabels)} on the PrometheusRule's metadata, which has ${JSON.stringify(labels)}. Fix: pass prometheus: <that Prometheus> (the labels are then added), or add the labels`;
  }
  const selected = p.ruleNamespaceSelector.selects(namespace, p.namespace);
  if (selected === false) {
    return `its ruleNamespaceSelector (${describe(p.ruleNamespaceSelector, p.namespace)}) excludes namespace "${namespace}". Fix: move the rules to a selected namespace, or widen ruleNamespaceSelector (NamespaceSelector.names(...) or .all())`;
  }
  return undefined;
}

/** A namespace selector in words. @internal */
export function describe(s: NamespaceSelector, own: string): string {
  switch (s.mode) {
    case 'own': return `unset: only its own namespace "${own}"`;
    case 'all': return 'every namespace';
    case 'names': return `namespaces ${JSON.stringify(s.namespaceNames)}`;
    default: return `namespaces labelled ${JSON.stringify(s.matchLabels)}`;
  }
}
