import { alertShapes, formatShape, seriesShapes } from '../../lib/simulate/label-flow';

const show = (expr: string) => seriesShapes(expr).map(formatShape);

describe('series labels of PromQL expressions', () => {
  test.each([
    ['up == 0', ['{...}']],
    ['up{job="api", env=~"prod|staging", pod!=""} == 0', ['{env="prod"|"staging", job="api", pod=*, ...}']],
    ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0', ['{job?=*}']],
    ['sum by (job, namespace) (rate(x{namespace="team-a", job="api"}[5m]))', ['{job="api", namespace="team-a"}']],
    ['sum without (instance) (x{instance="a", job="j"})', ['{job="j", ...}']],
    ['sum(x)', ['{}']],
    ['count_values by (job) ("version", build_info)', ['{job?=*, version=*}']],
    ['topk by (job) (3, x{job="a"})', ['{job="a", ...}']],
    ['vector(1)', ['{}']],
    ['absent(up{job="api", instance=~".+"})', ['{job="api"}']],
    ['absent_over_time(up{job="api"}[5m])', ['{job="api"}']],
    ['absent(sum(up{job="api"}))', ['{}']],
    ['label_replace(sum by (a) (x), "team", "payments", "a", ".*")', ['{a?=*, team="payments"}']],
    ['label_replace(sum by (a) (x), "team", "$1", "a", "(.*)")', ['{a?=*, team?=*}']],
    ['label_replace(sum by (a) (x), "team", "payments", "a", "x.*")', ['{a?=*, team?="payments"}']],
    ['label_join(sum by (a) (x), "team", "-", "a")', ['{a?=*, team?=*}']],
    ['histogram_quantile(0.99, sum by (le, job) (rate(x_bucket{job="a"}[5m]))) > 1', ['{job="a"}']],
    ['sum by (a) (x) > on (a) group_left (team) sum by (a, team) (y{team="t"})', ['{a?=*, team="t"}']],
    ['sum by (a, b) (x) / on (a) sum by (a) (y{a="1"})', ['{a="1"}']],
    ['sum by (a, b) (x) / ignoring (b) sum by (a) (y)', ['{a?=*}']],
    ['sum by (a) (x) or sum by (b) (y)', ['{a?=*}', '{b?=*}']],
    ['sum by (a) (x) and on (a) y', ['{a?=*}']],
    ['sum by (a) (x) unless y', ['{a?=*}']],
    ['day_of_week() == 6', ['{}']],
    ['1 > bool 0', ['{}']],
    ['(sum by (job) (x))[5m:1m]', ['{job?=*}']],
    ['this is not promql (', ['{...}']],
  ])('%s', (expr, shapes) => {
    expect(show(expr)).toEqual(shapes);
  });
});

describe('alert labels', () => {
  test('rule labels override the series, alertname is set, external labels fill in missing labels', () => {
    const [s] = alertShapes('HighErrors', 'sum by (job, cluster) (x{cluster="c1"})', { severity: 'critical', job: '{{ $labels.job }}' }, {
      externalLabels: { cluster: 'c2', region: 'eu', prometheus: 'monitoring/main' },
    });
    expect(formatShape(s)).toBe('{alertname="HighErrors", cluster="c1", job?=*, prometheus="monitoring/main", region="eu", severity="critical"}');
  });
  test('an external label fills an optional label: either value, always present', () => {
    const [s] = alertShapes('A', 'sum by (cluster) (x)', {}, { externalLabels: { cluster: 'c2' } });
    expect(formatShape(s)).toBe('{alertname="A", cluster=*}');
    const [t] = alertShapes('A', 'sum by (cluster) (x{cluster=~"|a|b"})', {}, { externalLabels: { cluster: 'c2' } });
    expect(formatShape(t)).toBe('{alertname="A", cluster="a"|"b"|"c2"}');
  });
  test('the enforced namespace label wins over the rule\'s', () => {
    const [s] = alertShapes('A', 'vector(1)', { namespace: 'x' }, { enforcedLabel: { name: 'namespace', value: 'team-a' } });
    expect(formatShape(s)).toBe('{alertname="A", namespace="team-a"}');
  });
  test('a templated label is any value, and may be empty; an empty label is removed', () => {
    const [s] = alertShapes('A', 'vector(1)', { summary_label: '{{ $value }}', gone: '' });
    expect(formatShape(s)).toBe('{alertname="A", summary_label?=*}');
  });
});
