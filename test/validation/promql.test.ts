import { checkPromQL } from '../../lib/validation';

describe('checkPromQL', () => {
  describe('GIVEN expressions Prometheus accepts', () => {
    test.each([
      'vector(1)',
      'rate(http_requests_total{job="x"}[5m]) > 0',
      'sum by (namespace) (kube_pod_info)',
      'sum(kube_pod_info) without (pod)',
      'gotk_resource_info{ready="False", customresource_kind="Kustomization"} > 0',
      'max_over_time(rate(x[5m])[1h:1m])',
      'rate(x[5m])[1h:]',
      'x offset 5m',
      'x offset -5m',
      'x @ 1700000000',
      'x[5m] @ end() offset -1h',
      'rate(x[5m] offset 5m @ start())',
      'histogram_quantile(0.99, sum by (le) (rate(apiserver_request_duration_seconds_bucket[5m])))',
      'topk(3, x)',
      'count_values("value", build_info)',
      'quantile(0.9, x)',
      'a + on(b) group_left(c) d',
      'a * ignoring(instance) group_right b',
      '1 > bool 0',
      'x > 0 and on(job) y',
      'up == 0 unless on(job) x offset 1h',
      'SUM(x)',
      'rate((x[5m]))',
      'absent(up{job="a"})',
      'absent_over_time(up{job="a"}[10m])',
      'label_replace(up, "a", "$1", "b", "(.*)")',
      'label_join(up, "dst", ",", "a", "b", "c")',
      'foo{a=~"\\\\d+"}',
      'foo{a=~`\\d+`}',
      "foo{a='single'}",
      '{__name__="up"}',
      '{"up"}',
      '{job=~".+"}',
      '{job!=""}',
      'x # a comment\n + y',
      'time() - 300',
      'day_of_week()',
      'round(x)',
      'round(x, 5)',
      'clamp(x, 0, 1)',
      'predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0',
      'a - x offset 5m',
      'x - x offset 1d',
      '-x offset 5m',
      '2 * -x offset 5m @ 10',
      '-sum(x)',
      'increase(x[1h]) / ignoring(le) increase(y[1h])',
      'sort_desc(sum by (job) (rate(x[5m])))',
      '(x > 0) or vector(0)',
    ])('WHEN %j is checked THEN there is no problem', (expr) => {
      // WHEN
      const problems = checkPromQL('expr', expr);
      // THEN
      expect(problems).toEqual([]);
    });
  });

  describe('GIVEN syntax errors', () => {
    test('WHEN a parenthesis is unbalanced THEN the message gives field, position, token, expression and fix', () => {
      // GIVEN
      const expr = 'rate(x[5m]))';
      // WHEN
      const problems = checkPromQL('expr', expr);
      // THEN
      expect(problems).toEqual([
        'expr: parse error at line 1, column 12: unexpected ")" (got "rate(x[5m]))"). '
        + 'Fix: remove the unmatched ")" at line 1, column 12',
      ]);
    });

    test('WHEN a closing parenthesis is missing THEN the fix points at the unclosed one', () => {
      // WHEN
      const [p] = checkPromQL('expr', 'sum(rate(x[5m])');
      // THEN
      expect(p).toContain('unexpected end of input');
      expect(p).toContain('add the missing ")" for the "(" at line 1, column 4');
    });

    test('WHEN the expression ends with an operator THEN the end of input is reported', () => {
      // WHEN
      const problems = checkPromQL('spec.groups[0].rules[1].expr', 'up == 0 and');
      // THEN
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^spec\.groups\[0\]\.rules\[1\]\.expr: parse error at line 1, column 12: unexpected end of input/);
      expect(problems[0]).toContain('(got "up == 0 and")');
      expect(problems[0]).toContain('Fix: complete the expression');
    });

    test('WHEN the error is on a later line THEN line and column count from that line', () => {
      // WHEN
      const [p] = checkPromQL('expr', 'foo\n  + bar)');
      // THEN
      expect(p).toContain('parse error at line 2, column 8: unexpected ")"');
    });

    test('WHEN an unknown function is called THEN it is named', () => {
      // WHEN
      const problems = checkPromQL('expr', '1 + rates(x[5m])');
      // THEN
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('parse error at line 1, column 5: unknown function with name "rates"');
      expect(problems[0]).toContain('check the spelling');
    });

    test('WHEN a string is not closed THEN the fix says where it opens', () => {
      // WHEN
      const [p] = checkPromQL('expr', 'foo{a="b');
      // THEN
      expect(p).toContain('close the string opened with " at line 1, column 7');
    });

    test.each([
      ['x[5x]', 'unexpected "x"'],
      ['foo bar', 'unexpected "bar"'],
      ['x +* y', 'unexpected "*"'],
      ['x offset', 'unexpected end of input'],
      ['foo{a=b}', 'unexpected "b"'],
      ['sum by (a (x)', 'unexpected "("'],
      ['$foo', 'unexpected "$"'],
    ])('WHEN %j is checked THEN the first syntax error is reported (%s)', (expr, expected) => {
      // WHEN
      const problems = checkPromQL('expr', expr);
      // THEN
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(expected);
      expect(problems[0]).toContain(`(got ${JSON.stringify(expr)})`);
    });

    test.each(['', '   ', '# only a comment', '\n# one\n# two\n'])('WHEN the expression is empty (%j) THEN "no expression found" is reported', (expr) => {
      // WHEN
      const problems = checkPromQL('expr', expr);
      // THEN
      expect(problems).toEqual([
        `expr: no expression found in input (got ${JSON.stringify(expr)}). Fix: write a PromQL expression, e.g. up == 0`,
      ]);
    });
  });

  describe('GIVEN expressions the lezer grammar accepts but Prometheus rejects', () => {
    test('WHEN rate() is given an instant vector THEN the missing range selector is reported with a fix', () => {
      // WHEN
      const problems = checkPromQL('expr', 'rate(http_requests_total)');
      // THEN
      expect(problems).toEqual([
        'expr: parse error at line 1, column 6: expected type range vector in call to function "rate", got instant vector '
        + '(got "rate(http_requests_total)"). Fix: add a range selector, e.g. rate(http_requests_total[5m])',
      ]);
    });

    test.each(['{}', '{a=""}', '{a=~".*"}', '{a!="x"}', '{a!~".+"}', 'rate({}[5m])'])(
      'WHEN the selector %j has only empty-matching matchers THEN Prometheus\' message is reported', (expr) => {
        // WHEN
        const problems = checkPromQL('expr', expr);
        // THEN
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain('vector selector must contain at least one non-empty matcher');
        expect(problems[0]).toContain('Fix: add a metric name or a matcher that does not match the empty string');
      });

    test('WHEN a regex matcher string uses an unknown escape THEN the escape and the backtick fix are given', () => {
      // GIVEN  foo{path=~"\.js"} as typed in YAML
      const expr = 'foo{path=~"\\.js"}';
      // WHEN
      const [p] = checkPromQL('expr', expr);
      // THEN
      expect(p).toContain('parse error at line 1, column 12: error unquoting string "\\.js": unknown escape sequence U+002E \'.\'');
      expect(p).toContain('use a backtick string');
    });

    test('WHEN a regex matcher does not compile THEN Go\'s regexp error is given', () => {
      // WHEN
      const [p] = checkPromQL('expr', 'foo{a=~"(?=x)"}');
      // THEN
      expect(p).toContain('invalid regular expression in label matcher a=~"(?=x)": error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
    });

    test.each([
      ['1 > 2', 'comparisons between scalars must use BOOL modifier', 'write "1 > bool 2"'],
      ['x + bool y', 'bool modifier can only be used on comparison operators', 'remove "bool"'],
      ['rate(x[5m]) offset 1h', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', 'rate(x[5m] offset 1h)'],
      ['sum(x) @ 100', '@ modifier must be preceded by an instant vector selector', '@ end()'],
      ['x offset 5m offset 1m', 'offset may not be set multiple times', 'keep one offset modifier'],
      ['x @ 1 @ 2', '@ <timestamp> may not be set multiple times', 'keep one @ modifier'],
      ['x offset 5m[5m]', 'no offset modifiers allowed before range', 'x[5m] offset 1h'],
      ['x @ 100[5m]', 'no @ modifiers allowed before range', 'x[5m] @ end()'],
      ['(x)[5m]', 'ranges only allowed for vector selectors', '(x)[5m:1m]'],
      ['x[5m][5m]', 'ranges only allowed for vector selectors', 'subquery'],
      ['a + b[5m]', 'binary expression must contain only scalar and instant vector types', 'b[5m]'],
      ['-x[5m]', 'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', '-rate(x[5m])'],
      ['1 and x', 'set operator "and" not allowed in binary scalar expression', 'x > 0 and y'],
      ['x + on(a) 1', 'vector matching only allowed between instant vectors', 'remove the on(…)/ignoring(…) clause'],
      ['x and on(a) group_left y', 'no grouping allowed for "and" operation', 'remove the group_left/group_right modifier'],
      ['x + on(a) group_left(a) y', 'label "a" must not occur in ON and GROUP clause at once', 'group_left(…)'],
      ['"str" + 1', 'binary expression must contain only scalar and instant vector types', 'a string cannot be an operand'],
      ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector', 'sum(rate(x[5m]))'],
      ['sum()', 'no arguments for aggregate expression provided', 'sum(up)'],
      ['topk(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', 'topk(<scalar>, <instant vector>)'],
      ['topk("a", x)', 'expected type scalar in aggregation parameter, got string', 'topk(5, …)'],
      ['count_values(1, x)', 'expected type string in aggregation parameter, got scalar', 'count_values("value", …)'],
      ['abs(1)', 'expected type instant vector in call to function "abs", got scalar', 'vector(1)'],
      ['vector(x)', 'expected type scalar in call to function "vector", got instant vector', 'scalar(x)'],
      ['abs(x[5m])', 'expected type instant vector in call to function "abs", got range vector', 'drop the [range]'],
      ['histogram_quantile(0.9)', 'expected 2 argument(s) in call to "histogram_quantile", got 1', 'pass 2 argument(s)'],
      ['time(1)', 'expected 0 argument(s) in call to "time", got 1', 'pass 0 argument(s) to time()'],
      ['round(x, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3', 'pass at most 2'],
      ['label_join(x, "a")', 'expected at least 3 argument(s) in call to "label_join", got 2', 'pass at least 3'],
      ['rate(sum(x)[5m])', 'ranges only allowed for vector selectors', '(sum(x))[5m:1m]'],
      ['increase(sum(x))', 'expected type range vector in call to function "increase", got instant vector', '(sum(x))[5m:1m]'],
      ['rate(x[5m])[1h:][5m:]', 'subquery is only allowed on instant vector, got range vector instead', 'rate()'],
      ['foo{__name__="bar"}', 'metric name must not be set twice: "foo" or "bar"', 'not both'],
      ['label_replace(x, "a", "$1", "b", "(a")', 'invalid regular expression in label_replace(): error parsing regexp: missing closing )', 'Go RE2 syntax'],
    ])('WHEN %j is checked THEN Prometheus\' error is reported', (expr, message, fix) => {
      // WHEN
      const problems = checkPromQL('expr', expr);
      // THEN
      expect(problems.length).toBeGreaterThanOrEqual(1);
      expect(problems[0]).toMatch(/^expr: parse error at line \d+, column \d+: /);
      expect(problems[0]).toContain(message);
      expect(problems[0]).toContain(`(got ${JSON.stringify(expr)})`);
      expect(problems[0].slice(problems[0].indexOf('Fix:'))).toContain(fix);
    });

    test('WHEN several arguments are wrong THEN each is reported at its own column', () => {
      // WHEN
      const problems = checkPromQL('expr', 'histogram_quantile(x, 0.9)');
      // THEN
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain('column 20: expected type scalar in call to function "histogram_quantile", got instant vector');
      expect(problems[1]).toContain('column 23: expected type instant vector in call to function "histogram_quantile", got scalar');
    });
  });

  describe('GIVEN string literals', () => {
    test.each([
      'foo{a="\\x41"}',
      'foo{a="\\u00e9\\U0001F600"}',
      'foo{a="\\101"}',
      "foo{a='it\\'s'}",
      'foo{a="say \\"hi\\""}',
      'foo{a="tab\\tnewline\\n"}',
      'foo{a=`raw \\d "quotes"`}',
    ])('WHEN the valid literal in %j is checked THEN there is no problem', (expr) => {
      expect(checkPromQL('expr', expr)).toEqual([]);
    });

    test.each([
      ['foo{a="\\xZZ"}', 'illegal character in escape sequence \\xZZ'],
      ['foo{a="\\ud800"}', 'escape sequence is an invalid Unicode code point'],
      ['foo{a="\\777"}', 'escape sequence is an invalid Unicode code point'],
      ['foo{a="\\\'"}', "unknown escape sequence U+0027 '''"],
      ['foo{a="\\d+"}', "unknown escape sequence U+0064 'd'"],
    ])('WHEN the literal in %j is checked THEN Prometheus\' lexer error is reported', (expr, message) => {
      const problems = checkPromQL('expr', expr);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('error unquoting string');
      expect(problems[0]).toContain(message);
    });
  });

  describe('GIVEN feature-flagged syntax', () => {
    test.each([
      ['mad_over_time(x[5m])', 'function "mad_over_time" is not enabled', 'promql-experimental-functions'],
      ['sort_by_label(x, "a")', 'function "sort_by_label" is not enabled', 'promql-experimental-functions'],
      ['limitk(1, x)', 'limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions', 'promql-experimental-functions'],
      ['x[5m+1m]', 'experimental duration expression is not enabled', 'promql-duration-expr'],
      ['x offset (5m)', 'experimental duration expression is not enabled', 'promql-duration-expr'],
      ['x[5m] anchored', 'anchored modifier is experimental and not enabled', 'promql-extended-range-selectors'],
      ['rate(x[5m] smoothed)', 'smoothed modifier is experimental and not enabled', 'promql-extended-range-selectors'],
      ['a + fill(0) b', 'binop fill modifiers are experimental and not enabled', 'promql-binop-fill-modifiers'],
    ] as const)('WHEN %j is checked without the flag THEN it is reported; WITH the flag THEN it passes', (expr, message, feature) => {
      // WHEN
      const without = checkPromQL('expr', expr);
      const withFlag = checkPromQL('expr', expr, { enabledFeatures: [feature] });
      // THEN
      expect(without).toHaveLength(1);
      expect(without[0]).toContain(message);
      expect(without[0]).toContain(`--enable-feature=${feature}`);
      expect(withFlag).toEqual([]);
    });
  });

  describe('GIVEN a very long expression with an error', () => {
    test('WHEN checked THEN the value shown is shortened but the position is exact', () => {
      // GIVEN
      const expr = `${Array.from({ length: 40 }, (_, i) => `metric_${i}`).join(' + ')} +`;
      // WHEN
      const [p] = checkPromQL('expr', expr);
      // THEN
      expect(p).toContain(`column ${expr.length + 1}: unexpected end of input`);
      expect(p).toContain('…');
      expect(p.length).toBeLessThan(expr.length + 300);
    });
  });
});
