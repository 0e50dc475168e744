import fc from 'fast-check';
import { checkTemplateDelimiters } from '../../lib/validation';

describe('checkTemplateDelimiters', () => {
  test.each([
    '',
    'plain text, no template',
    'Pod {{ $labels.namespace }}/{{ $labels.pod }} is not ready',
    '{{ $value | humanizePercentage }} of requests fail',
    '{{- if gt $value 0.5 -}}high{{- else -}}low{{- end -}}',
    '{{ "}}" }} and {{ `{{` }}',
    '{{ printf "%s}}" $labels.job }}',
    "{{ if eq $labels.severity 'x' }}{{ end }}",
    '{{/* a comment with }} inside */}}',
    '{{- /* trimmed comment */ -}}',
    'single braces { like } JSON are fine: {"a": 1}',
    '{{ $labels.a }}\n{{ $labels.b }}',
  ])('GIVEN the balanced template %j WHEN checked THEN there is no problem', (text) => {
    // WHEN
    const problems = checkTemplateDelimiters('annotations.summary', text);
    // THEN
    expect(problems).toEqual([]);
  });

  test('GIVEN an unclosed "{{" WHEN checked THEN its position, the text and the fix are given', () => {
    // GIVEN
    const text = 'Pod {{ $labels.pod is down';
    // WHEN
    const problems = checkTemplateDelimiters('annotations.description', text);
    // THEN
    expect(problems).toEqual([
      'annotations.description: template error at line 1, column 5: unbalanced "{{": it is never closed '
      + '(got "Pod {{ $labels.pod is down"). Fix: add the missing "}}"',
    ]);
  });

  test('GIVEN a stray "}}" WHEN checked THEN its position and the literal-text escape are given', () => {
    // WHEN
    const [p] = checkTemplateDelimiters('annotations.summary', 'Pod $labels.pod }} is down');
    // THEN
    expect(p).toContain('annotations.summary: template error at line 1, column 17: unbalanced "}}": it closes no "{{"');
    expect(p).toContain('write {{ "}}" }} if the literal text "}}" is intended');
  });

  test('GIVEN a nested "{{" WHEN checked THEN the inner one and the outer action are located', () => {
    // WHEN
    const [p] = checkTemplateDelimiters('annotations.summary', '{{ index {{ $labels }} "x" }}');
    // THEN
    expect(p).toContain('template error at line 1, column 10: nested "{{" inside the action opened at line 1, column 1');
    expect(p).toContain('actions cannot be nested');
  });

  test('GIVEN an error on a later line WHEN checked THEN line and column are relative to that line', () => {
    // WHEN
    const [p] = checkTemplateDelimiters('annotations.runbook', 'first line\n  second {{ $value\nthird');
    // THEN
    expect(p).toContain('template error at line 2, column 10: unbalanced "{{"');
  });

  test('GIVEN several problems WHEN checked THEN only the first is reported', () => {
    expect(checkTemplateDelimiters('a', '}} {{')).toHaveLength(1);
  });

  test.each([
    ['{{ "abc }}', 'unterminated string " inside the action opened at line 1, column 1', 'close the string with "'],
    ['{{/* never closed }}', 'unclosed comment "/*"', 'close the comment with "*/}}"'],
  ])('GIVEN %j WHEN checked THEN the unterminated literal is reported', (text, what, fix) => {
    const [p] = checkTemplateDelimiters('a', text);
    expect(p).toContain(what);
    expect(p).toContain(`Fix: ${fix}`);
  });

  test('GIVEN any text without "{" or "}" WHEN wrapped in actions THEN it passes', () => {
    fc.assert(fc.property(fc.array(fc.string().filter((s) => !/[{}"'`]/.test(s))), (parts) => {
      const text = parts.map((p, i) => (i % 2 === 0 ? p : `{{ ${p} }}`)).join('');
      expect(checkTemplateDelimiters('t', text)).toEqual([]);
    }));
  });
});
