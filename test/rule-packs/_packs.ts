/**
 * The rule files the promtool unit tests in `promtool/` run against: the shipped packs as
 * synthesized PrometheusRules, with the selectors derived from an AlertmanagerCluster and a
 * Prometheus named `main` in namespace `monitoring` (`packs.yaml`), and with the packs'
 * default selectors (`packs-default-selectors.yaml`).
 */
import { Chart, Testing } from 'cdk8s';
import { AlertingRulePacks, AlertmanagerCluster, Prometheus } from '../../lib/tooling';
import { KubeManifest, ruleFilesFrom } from '../../lib/simulate';

/** The rule file name → its `{groups}` content. */
export function packRuleFiles(): Record<string, { groups: readonly unknown[] }> {
  return {
    'packs.yaml': synthGroups(true),
    'packs-default-selectors.yaml': synthGroups(false),
  };
}

function synthGroups(withConstructs: boolean): { groups: readonly unknown[] } {
  const chart = new Chart(Testing.app(), 'packs', { namespace: 'monitoring' });
  const alertmanager = new AlertmanagerCluster(chart, 'Alertmanager', { name: 'main' });
  const prometheus = new Prometheus(chart, 'Prometheus', { name: 'main', alertmanager });
  if (withConstructs) {
    new AlertingRulePacks(chart, 'Packs', { name: 'packs', prometheus, alertmanager });
  } else {
    // The selecting labels only: no construct for the packs to derive selectors from.
    new AlertingRulePacks(chart, 'Packs', { name: 'packs', labels: prometheus.ruleSelectorLabels });
  }
  const files = ruleFilesFrom(Testing.synth(chart) as KubeManifest[]);
  if (files.length !== 1) { throw new Error(`expected one PrometheusRule, got ${files.length}`); }
  return files[0].content as { groups: readonly unknown[] };
}
