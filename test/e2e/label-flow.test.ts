/**
 * The label flow against Prometheus' own engine: `promtool test rules` evaluates rules over
 * input series and prints the labels of every alert they fire. Every such label set must be
 * one the label flow allows (it is an over-approximation: it may allow more, never less).
 */
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { alertShapes, formatShape, shapeAllows } from '../../lib/simulate/label-flow';
import { TOOLS, describeWithTools, tempDir } from './_harness';

/** Input series: labels chosen so that each construct has something to keep or drop. */
const SERIES: Array<[string, string]> = [
  ['http_requests_total{job="api", instance="a:80", namespace="shop", service="cart", code="500"}', '0+60x30'],
  ['http_requests_total{job="api", instance="b:80", namespace="shop", service="cart", code="200"}', '0+600x30'],
  ['http_requests_total{job="web", instance="c:80", namespace="blog", service="front", code="503"}', '0+6x30'],
  ['http_request_duration_seconds_bucket{job="api", namespace="shop", service="cart", le="0.5"}', '0+10x30'],
  ['http_request_duration_seconds_bucket{job="api", namespace="shop", service="cart", le="+Inf"}', '0+20x30'],
  ['up{job="api", instance="a:80", namespace="shop", team="payments"}', '0x30'],
  ['up{job="api", instance="b:80", namespace="shop", team="payments"}', '1x30'],
  ['up{job="web", instance="c:80", namespace="blog"}', '0x30'],
  ['build_info{job="api", instance="a:80", version="1.2.3"}', '1x30'],
  ['build_info{job="web", instance="c:80", version="2.0.0"}', '1x30'],
  ['kube_deployment_spec_replicas{job="ksm", namespace="shop", deployment="cart"}', '3x30'],
  ['kube_deployment_status_replicas_available{job="ksm", namespace="shop", deployment="cart"}', '1x30'],
  ['kube_namespace_labels{job="ksm", namespace="shop", label_team="payments"}', '1x30'],
  ['kube_namespace_labels{job="ksm", namespace="blog", label_team="content"}', '1x30'],
];

/** One rule per construct of the label flow, each of which fires on SERIES. */
const RULES: Array<{ expr: string; labels?: Record<string, string> }> = [
  { expr: 'up == 0' },
  { expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0', labels: { severity: 'critical' } },
  { expr: 'sum without (instance) (rate(http_requests_total[5m])) > 0' },
  { expr: 'sum(rate(http_requests_total[5m])) > 0' },
  { expr: 'count_values by (job) ("version", build_info) > 0' },
  { expr: 'topk by (job) (1, rate(http_requests_total[5m])) > 0' },
  { expr: 'absent(nonexistent{job="api", instance=~".+"})' },
  { expr: 'absent_over_time(nonexistent{job="api", job="web"}[5m])' },
  { expr: 'label_replace(up, "owner", "platform", "job", ".*")' },
  { expr: 'label_replace(sum by (job) (up), "svc", "$1", "job", "(a.*)")' },
  { expr: 'label_join(up, "target", "/", "job", "instance")' },
  { expr: 'label_replace(up, "job", "", "job", ".*")' },
  { expr: 'histogram_quantile(0.9, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m]))) > 0' },
  { expr: 'sum by (namespace, deployment) (kube_deployment_spec_replicas) > on (namespace, deployment) sum by (namespace, deployment) (kube_deployment_status_replicas_available)' },
  { expr: 'kube_deployment_spec_replicas > ignoring (job) kube_deployment_status_replicas_available' },
  { expr: 'sum by (namespace) (rate(http_requests_total[5m])) * on (namespace) group_left (label_team) kube_namespace_labels > 0' },
  { expr: 'sum by (job, instance) (up) + ignoring (instance) group_left sum by (job) (up) >= 0' },
  { expr: 'sum by (job) (up) + ignoring (instance) group_right sum by (job, instance) (up) >= 0' },
  { expr: 'count by (job) (up) / on () group_left count(up) > 0' },
  { expr: 'sum by (job) (up) * on (job) group_left (version) build_info >= 0' },
  { expr: 'vector(1)' },
  { expr: 'day_of_week() >= 0' },
  { expr: 'sum by (job) (up) or sum by (namespace) (up)' },
  { expr: 'up and on (job) sum by (job) (rate(http_requests_total[5m])) > 0' },
  { expr: 'build_info unless on (job) (up == 1)' },
  { expr: 'max_over_time(up{job="api"}[5m]) >= 0' },
  { expr: 'sort_desc(sum by (code) (rate(http_requests_total[5m]))) > 0' },
  { expr: '(sum by (namespace, service) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (namespace, service) (rate(http_requests_total[5m]))) > 0' },
  { expr: 'sum by (job) (up) > bool 0' },
  { expr: '-sum by (job) (up) < 1' },
  { expr: 'quantile by (job) (0.5, up) >= 0' },
  { expr: 'sum by (job) (rate(http_requests_total[5m]) > 0)', labels: { summary_job: '{{ $labels.job }}', owner: 'sre', empty: '' } },
  { expr: 'avg_over_time(sum by (job, namespace) (up)[10m:1m]) >= 0', labels: { namespace: 'overridden' } },
];

/** The label sets of the alerts promtool reports, by alert name. */
function promtoolAlerts(dir: string): Map<string, Array<Record<string, string>>> {
  const rules = { groups: [{ name: 'flow', rules: RULES.map((r, i) => ({ alert: `R${i}`, expr: r.expr, ...(r.labels ? { labels: r.labels } : {}) })) }] };
  writeFileSync(join(dir, 'rules.yaml'), stringify(rules));
  writeFileSync(join(dir, 'test.yaml'), stringify({
    rule_files: ['rules.yaml'],
    evaluation_interval: '1m',
    tests: [{
      interval: '1m',
      input_series: SERIES.map(([series, values]) => ({ series, values })),
      // Expect nothing: promtool then prints every alert that fired, with its labels.
      alert_rule_test: RULES.map((_, i) => ({ eval_time: '20m', alertname: `R${i}`, exp_alerts: [] })),
    }],
  }));
  const run = spawnSync(TOOLS.promtool, ['test', 'rules', 'test.yaml'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const text = `${run.stdout}${run.stderr}`;
  const out = new Map<string, Array<Record<string, string>>>();
  let current = '';
  for (const line of text.split('\n')) {
    const name = /alertname: (R\d+), time:/.exec(line);
    if (name) { current = name[1]; continue; }
    const labels = /^\s*Labels:\{(.*)\}\s*$/.exec(line);
    if (!labels || !current) { continue; }
    const set: Record<string, string> = {};
    for (const m of labels[1].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) { set[m[1]] = JSON.parse(`"${m[2]}"`); }
    out.set(current, [...(out.get(current) ?? []), set]);
  }
  if (out.size === 0) { throw new Error(`promtool printed no alert:\n${text}`); }
  return out;
}

describeWithTools([TOOLS.promtool], 'label flow vs promtool test rules (Prometheus 2.42 engine)', () => {
  test('every alert Prometheus fires has labels the label flow allows', () => {
    const fired = promtoolAlerts(tempDir('label-flow'));
    const misses: string[] = [];
    RULES.forEach((r, i) => {
      const shapes = alertShapes(`R${i}`, r.expr, r.labels);
      for (const labels of fired.get(`R${i}`) ?? []) {
        if (!shapes.some((s) => shapeAllows(s, labels))) {
          misses.push(`${r.expr}: fired ${JSON.stringify(labels)}, flow ${shapes.map(formatShape).join(' | ')}`);
        }
      }
    });
    expect(misses).toEqual([]);
    // Every rule fired, so every construct was exercised.
    expect(RULES.map((_, i) => `R${i}`).filter((n) => !fired.has(n))).toEqual([]);
  });

  test('and the flow is tight where the expression fixes the labels', () => {
    const fired = promtoolAlerts(tempDir('label-flow-tight'));
    const i = RULES.findIndex((r) => r.expr.startsWith('sum by (job) (rate(http_requests_total{code=~"5.."}'));
    expect(fired.get(`R${i}`)).toEqual([{ alertname: `R${i}`, job: 'api', severity: 'critical' }, { alertname: `R${i}`, job: 'web', severity: 'critical' }]);
    expect(alertShapes(`R${i}`, RULES[i].expr, RULES[i].labels).map(formatShape)).toEqual([`{alertname="R${i}", job?=*, severity="critical"}`]);
  });
});
