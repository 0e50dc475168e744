import {
  alertmanagerTemplateFindings, checkAlertmanagerTemplate, checkPrometheusTemplate, parseGoTemplate, prometheusTemplateFindings,
} from '../../lib/validation';

const errors = (text: string, version?: string) => prometheusTemplateFindings(text, { version }).filter((f) => f.severity === 'error');
const warnings = (text: string, label = false) => prometheusTemplateFindings(text, { label }).filter((f) => f.severity === 'warning');

describe('Go text/template parsing, as Prometheus parses alert templates', () => {
  test.each([
    ['plain text', 'Disk is full'],
    ['a "}}" outside any action is text (Go prints it)', 'a }} b {{ "}}" }} c'],
    ['variables Prometheus declares', '{{ $labels.job }} {{ $value }} {{ $externalLabels.cluster }} {{ $externalURL }} {{ $ }} {{ .Labels.job }}'],
    ['pipelines and parenthesised calls', '{{ $value | humanize | printf "%s!" }} {{ (index $labels "a-b") | toUpper }}'],
    ['if / else if / else', '{{ if gt $value 1.0 }}a{{ else if lt $value 0.5 }}b{{ else }}c{{ end }}'],
    ['range with two variables, break and continue', '{{ range $k, $v := $labels }}{{ if eq $k "a" }}{{ continue }}{{ end }}{{ break }}{{ else }}none{{ end }}'],
    ['with, define, template and block', '{{ with $labels.job }}{{ . }}{{ end }}{{ define "x" }}{{ . }}{{ end }}{{ template "x" $labels }}{{ block "b" . }}y{{ end }}'],
    ['comments and trim markers', '{{- /* a comment */ -}}  {{- $labels.job -}}  '],
    ['raw strings, character constants and numbers', '{{ `raw \\d` }} {{ printf "%c" \'x\' }} {{ printf "%v %v %v %v" 1_000 0x1F 1e3 -1.5 }}'],
    ['declaration and assignment', '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}'],
    ['a variable declared in an action stays visible until the end of its block', '{{ if true }}{{ $y := 1 }}{{ $y }}{{ end }}'],
  ])('GIVEN %s THEN it parses', (_what, text) => {
    expect(errors(text)).toEqual([]);
  });

  test.each([
    ['an unclosed {{ if }}', '{{ if gt $value 1.0 }}high', /unexpected EOF: an \{\{ if \}\}.* is not closed/, /add the missing \{\{ end \}\}/],
    ['an undefined function', '{{ $value | humanise }}', /function "humanise" not defined: Prometheus's templates have no such function/, /did you mean "humanize"\?/],
    ['an undefined variable', '{{ $label.job }}', /undefined variable "\$label"/, /did you mean "\$labels"\?/],
    ['a bad pipeline: a value after |', '{{ $value | 1 }}', /non executable command in pipeline stage 2/, /fix the template syntax/],
    ['an unclosed action', 'Pod {{ $labels.pod is down', /function "is" not defined.*the action opened at line 1, column 5 is never closed/, /close the action with "}}"/],
    ['an unclosed action at the end', 'Pod {{ $labels.pod', /unclosed action/, /close the action with "}}"/],
    ['an action opened inside an action', '{{ index {{ $labels }} "x" }}', /unexpected "\{" in operand/, /template syntax/],
    ['a label name with a dash read as a field', '{{ $labels.pod-name }}', /bad character U\+002D '-'/, /index \$labels "label-name"/],
    ['a regex escape in a double-quoted string', '{{ reReplaceAll "(\\d+)" "$1" $labels.x }}', /invalid string literal/, /raw string/],
    ['{{ end }} without a block', 'x {{ end }}', /unexpected \{\{end\}\}/, /template syntax/],
    ['{{ break }} outside {{ range }}', '{{ if true }}{{ break }}{{ end }}', /\{\{break\}\} outside \{\{range\}\}/, /template syntax/],
    ['an unclosed comment', '{{/* note }}', /unclosed comment/, /template syntax/],
    ['a variable declared inside an if, used after it', '{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', /undefined variable "\$y"/, /declare the variable/],
    ['$labels inside a define (a define starts a new scope)', '{{ define "x" }}{{ $labels.job }}{{ end }}', /undefined variable "\$labels"/, /did you mean|declare/],
    ['an illegal number', '{{ 1 - 2 }}', /illegal number syntax: "-"/, /template syntax/],
    ['an empty action', 'a {{ }} b', /missing value for command/, /template syntax/],
  ])('GIVEN %s THEN it is an error with position and fix', (_what, text, message, fix) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^template error at line \d+, column \d+: /);
    expect(found[0].message).toMatch(message);
    expect(found[0].fix).toMatch(fix);
  });

  test('GIVEN an error on a later line THEN its line and column are given', () => {
    const [e] = errors('first line\n  second {{ $value\nthird');
    expect(e.message).toMatch(/^template error at line 3, column 1: function "third" not defined.*the action opened at line 2, column 10 is never closed/);
  });

  test('GIVEN Go parses the first error only THEN one error is reported, as promtool does', () => {
    expect(errors('{{ humanise 1 }} {{ $label }} {{ if }}')).toHaveLength(1);
  });

  test('GIVEN the string form THEN it names the field and the value', () => {
    expect(checkPrometheusTemplate('annotations.summary', '{{ humanise $value }}')).toEqual([
      'annotations.summary: template error at line 1, column 4: function "humanise" not defined: Prometheus\'s templates have no such function (got "{{ humanise $value }}"). Fix: did you mean "humanize"?',
    ]);
    expect(checkPrometheusTemplate('annotations.summary', '{{ humanize $value }}')).toEqual([]);
  });

  test('GIVEN the syntax tree THEN it shows the structure Go builds (else if as a nested if)', () => {
    const { trees } = parseGoTemplate('{{ if .a }}x{{ else if .b }}y{{ end }}', { functions: new Set() });
    const root = trees!.root as { nodes: Array<{ type: string; elseList?: { nodes: Array<{ type: string }> } }> };
    expect(root.nodes.map((n) => n.type)).toEqual(['if']);
    expect(root.nodes[0].elseList!.nodes.map((n) => n.type)).toEqual(['if']);
  });
});

describe('Prometheus versions', () => {
  test.each([
    ['{{ toTime $value }}', '2.37.0', true, '2.38.0', false],
    ['{{ $labels.instance | stripDomain }}', '2.35.0', true, '2.36.0', false],
    ['{{ toDuration 90 }}', 'v2.42.0', true, 'v3.6.0', false],
    ['{{ now }}', 'v3.5.0', true, 'v3.6.1', false],
    ['{{ urlQueryEscape $labels.job }}', 'v3.7.0', true, 'v3.8.0', false],
  ])('GIVEN %s THEN Prometheus %s refuses it and %s accepts it', (text, old, oldRejects, recent, recentRejects) => {
    expect(errors(text, old).length > 0).toBe(oldRejects);
    expect(errors(text, recent).length > 0).toBe(recentRejects);
    expect(errors(text, old)[0]?.message).toMatch(/does not have it \(added in/);
  });

  test('GIVEN an unknown version THEN a recent function is accepted with a warning that names the release it needs', () => {
    const found = prometheusTemplateFindings('{{ now }}');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/needs Prometheus 3\.6\.0 or later/) })]);
  });

  test('GIVEN {{ else with }} THEN Prometheus 2 (Go < 1.23) refuses it and Prometheus 3 accepts it', () => {
    const text = '{{ with $labels.a }}{{ . }}{{ else with $labels.b }}{{ . }}{{ end }}';
    expect(errors(text, '2.53.0')).toHaveLength(1);
    expect(errors(text, '3.0.0')).toEqual([]);
  });
});

describe('what the template reads', () => {
  test('GIVEN $value or .Value in a label THEN it is a warning (a new alert identity every evaluation); in an annotation it is fine', () => {
    for (const text of ['{{ $value }}', '{{ .Value | humanize }}', '{{ printf "%.0f" $.Value }}', '{{ if gt $value 1.0 }}high{{ end }}']) {
      expect(warnings(text, true)).toEqual([expect.objectContaining({ message: expect.stringMatching(/value is used in a label/) })]);
      expect(warnings(text, false)).toEqual([]);
    }
    expect(warnings('{{ $labels.severity }}', true)).toEqual([]);
    expect(warnings('{{ range query "up" }}{{ .Value }}{{ end }}', true)).toEqual([]); // a query result's value, not the alert's
  });

  test('GIVEN a field Prometheus\' template data does not have THEN it is a warning with the right name', () => {
    const [w] = warnings('{{ .labels.job }}');
    expect(w.message).toMatch(/\.labels is not a field of Prometheus' alert template data; it has Labels, ExternalLabels, ExternalURL, Value/);
    expect(w.fix).toBe('use .Labels (or $labels)');
    expect(warnings('{{ .Labels.anything }} {{ with query "up" }}{{ .Whatever }}{{ end }}')).toEqual([]);
    expect(warnings('{{ $labels.job.name }}')[0].message).toMatch(/\.name is not a field of string/);
  });

  test('GIVEN Alertmanager\'s notification data THEN fields are checked through range, with and variables', () => {
    const am = (text: string) => alertmanagerTemplateFindings(text);
    expect(am('{{ .Status }} {{ .CommonLabels.alertname }} {{ range .Alerts.Firing }}{{ .Labels.x }}{{ .StartsAt.Format "x" }}{{ end }}')).toEqual([]);
    expect(am('{{ range $a := .Alerts }}{{ $a.Annotations.summary }}{{ end }} {{ range .CommonLabels.SortedPairs }}{{ .Name }}{{ end }}')).toEqual([]);
    const [top] = am('{{ .Labels.severity }}');
    expect(top).toMatchObject({ severity: 'warning' });
    expect(top.message).toMatch(/\.Labels is not a field of Alertmanager's notification data/);
    expect(top.fix).toMatch(/\.CommonLabels/);
    const [inAlert] = am('{{ range .Alerts }}{{ .CommonLabels.x }}{{ end }}');
    expect(inAlert.message).toMatch(/\.CommonLabels is not a field of template\.Alert/);
    const [onString] = am('{{ .Status.Code }}');
    expect(onString.message).toMatch(/\.Code is not a field of string/);
  });

  test('GIVEN Alertmanager templates THEN $labels is an error with the Alertmanager way as the fix, and versions gate functions', () => {
    expect(checkAlertmanagerTemplate('title', '{{ $labels.alertname }}')[0]).toMatch(/undefined variable "\$labels".*Fix: notification templates have no \$labels/);
    expect(checkAlertmanagerTemplate('title', '{{ .Status | trimSpace }}', { version: 'v0.25.0' })[0]).toMatch(/Alertmanager v0\.25\.0 does not have it \(added in 0\.26\.0\)/);
    expect(checkAlertmanagerTemplate('title', '{{ .Status | trimSpace }}', { version: 'v0.26.0' })).toEqual([]);
    expect(checkAlertmanagerTemplate('title', '{{ humanize 1 }}')[0]).toMatch(/function "humanize" not defined: Alertmanager's templates have no such function/);
  });
});
