import * as validation from '../../lib/validation';
import { describePosition, positionOf, problem, showValue } from '../../lib/validation';

describe('problem', () => {
  test('GIVEN a field, value, problem and fix WHEN formatted THEN it has the shared shape', () => {
    // WHEN
    const message = problem('spec.timeout', '2h', 'is not a valid Flux timeout', 'use "120m"');
    // THEN
    expect(message).toBe('spec.timeout: is not a valid Flux timeout (got "2h"). Fix: use "120m"');
  });

  test('GIVEN a value with control characters WHEN shown THEN they are visible', () => {
    expect(showValue('a\tb\n')).toBe('"a\\tb\\n"');
  });

  test('GIVEN a very long value WHEN shown THEN it is shortened in the middle', () => {
    // GIVEN
    const value = `${'a'.repeat(200)}${'b'.repeat(200)}`;
    // WHEN
    const shown = showValue(value);
    // THEN
    expect(shown.length).toBeLessThanOrEqual(162);
    expect(shown).toMatch(/^"a+…b+"$/);
  });
});

describe('positionOf / describePosition', () => {
  test.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['abc', 3, 1, 4],
    ['a\nbc', 2, 2, 1],
    ['a\nbc', 3, 2, 2],
    ['a\n\nx', 3, 3, 1],
    ['abc', 99, 1, 4],
    ['abc', -5, 1, 1],
  ])('GIVEN %j and offset %d WHEN located THEN it is line %d, column %d', (text, offset, line, column) => {
    expect(positionOf(text, offset)).toEqual({ line, column });
    expect(describePosition(text, offset)).toBe(`line ${line}, column ${column}`);
  });
});

describe('lib/validation index', () => {
  test('GIVEN the barrel WHEN imported THEN every check other engineers import is a function', () => {
    for (const name of [
      'checkPromQL', 'parsePrometheusDuration', 'checkPrometheusDuration', 'formatPrometheusDuration', 'checkFluxTimeout',
      'parseFluxTimeout', 'formatFluxDuration', 'checkLabelName', 'checkMetricName', 'checkMatcherRegex', 'checkGoRegex',
      'matchesAlertmanagerRegex', 'checkDns1123Subdomain', 'checkDns1123Label', 'checkLabelKey', 'checkLabelValue',
      'checkPrometheusTemplate', 'checkAlertmanagerTemplate', 'problem', 'showValue', 'positionOf', 'describePosition',
    ]) {
      expect(typeof (validation as Record<string, unknown>)[name]).toBe('function');
    }
  });

  test('GIVEN CommonJS module loading WHEN lezer-promql and re2js are required THEN their CJS builds load', () => {
    const lezer = require('@prometheus-io/lezer-promql') as { parser: { parse(s: string): unknown } };
    const re2 = require('re2js') as { RE2JS: { compile(s: string): unknown } };
    expect(typeof lezer.parser.parse).toBe('function');
    expect(typeof re2.RE2JS.compile).toBe('function');
    expect(require.resolve('@prometheus-io/lezer-promql')).toMatch(/index\.cjs$/);
    expect(require.resolve('re2js')).toMatch(/index\.cjs$/);
  });
});
