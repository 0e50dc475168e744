import { checkLabelName, checkMetricName } from '../../lib/validation';

describe('checkLabelName', () => {
  test.each(['severity', 'team', '_private', 'a1', 'A_B_c', 'x'])('GIVEN the valid label name %j WHEN checked THEN there is no problem', (name) => {
    // WHEN
    const problems = checkLabelName('labels', name);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['app.kubernetes.io/name', 'use "app_kubernetes_io_name" instead'],
    ['1st', 'use "_1st" instead'],
    ['my-label', 'use "my_label" instead'],
    ['has space', 'use "has_space" instead'],
    ['colon:name', 'use "colon_name" instead'],
    ['émoji', 'use "_moji" instead'],
  ])('GIVEN the invalid label name %j WHEN checked THEN the rule and a sanitised name are given', (name, fix) => {
    // WHEN
    const problems = checkLabelName('labels', name);
    // THEN
    expect(problems).toEqual([
      `labels: is not a valid Prometheus label name: it must match ^[a-zA-Z_][a-zA-Z0-9_]*$ `
      + `(letters, digits and underscores, not starting with a digit) (got ${JSON.stringify(name)}). Fix: ${fix}`,
    ]);
  });

  test('GIVEN a reserved "__" label name WHEN checked THEN it is an error with a rename suggestion', () => {
    // WHEN
    const problems = checkLabelName('labels', '__tenant');
    // THEN
    expect(problems).toEqual([
      'labels: label names starting with "__" are reserved for Prometheus\' internal use (got "__tenant"). Fix: rename it, e.g. to "tenant"',
    ]);
  });

  test('GIVEN a reserved name that is only underscores WHEN checked THEN the fix is generic', () => {
    // WHEN
    const [p] = checkLabelName('labels', '___');
    // THEN
    expect(p).toContain('Fix: rename it so that it does not start with "__"');
  });

  test('GIVEN allowReserved WHEN "__name__" is checked THEN it is accepted', () => {
    expect(checkLabelName('groupBy[0]', '__name__', { allowReserved: true })).toEqual([]);
  });

  test('GIVEN an invalid name whose sanitised form would be reserved WHEN checked THEN no reserved name is suggested', () => {
    // WHEN
    const [p] = checkLabelName('labels', '__a-b');
    // THEN
    expect(p).toContain('do not start with "__"');
    expect(p).not.toContain('use "__a_b"');
  });

  test('GIVEN an empty label name WHEN checked THEN "must not be empty" is reported', () => {
    expect(checkLabelName('labels', '')).toEqual([
      'labels: label name must not be empty (got ""). Fix: give a name such as "severity"',
    ]);
  });
});

describe('checkMetricName', () => {
  test.each(['up', 'job:http_requests:rate5m', ':leading_colon', '_x', 'namespace:container_cpu_usage_seconds_total:sum_rate'])(
    'GIVEN the valid metric name %j WHEN checked THEN there is no problem', (name) => {
      expect(checkMetricName('record', name)).toEqual([]);
    });

  test.each([
    ['job-http-requests', 'use "job_http_requests" instead'],
    ['5xx_rate', 'use "_5xx_rate" instead'],
    ['a.b', 'use "a_b" instead'],
  ])('GIVEN the invalid metric name %j WHEN checked THEN the rule and a sanitised name are given', (name, fix) => {
    // WHEN
    const problems = checkMetricName('record', name);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^record: is not a valid Prometheus metric name: it must match \^\[a-zA-Z_:\]\[a-zA-Z0-9_:\]\*\$/);
    expect(problems[0]).toContain(`(got ${JSON.stringify(name)})`);
    expect(problems[0]).toContain(`Fix: ${fix}`);
  });

  test('GIVEN an empty metric name WHEN checked THEN "must not be empty" is reported with the naming convention', () => {
    const [p] = checkMetricName('record', '');
    expect(p).toContain('record: metric name must not be empty (got "")');
    expect(p).toContain('level:metric:operations');
  });
});
