/**
 * Suppressions with reasons: on the objects (annotation), on constructs (Suppressions.add, which
 * writes the annotation), and from a config file (CLI --config, plugin properties). Suppressed
 * findings are listed, with the reason, and fail nothing; bad and stale suppressions are reported.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  AlertingApp, AlertingValidation, ClusterModel, Finding, Severity, Suppressions, ValidationPluginContext, findingsOf, runChecks,
} from '../../lib/tooling';
import { main } from '../../lib/cli/main';

function model(yaml: string, file = 'x.yaml'): ClusterModel {
  return ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file, doc } })));
}

/** A Secret with its value in the manifest (secret-plaintext, an error), annotated with `annotations`. */
function plaintextSecret(name: string, annotations = ''): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: monitoring
  annotations: {${annotations}}
stringData: { url: "https://hooks.example.invalid/x" }
`;
}

const only = (findings: readonly Finding[], check: string) => findings.filter((f) => f.check === check);

describe('the engine', () => {
  test('an annotation with a reason suppresses that check on that object: listed as suppressed, with the reason', () => {
    const findings = runChecks(model([
      plaintextSecret('a', '"suppress.cdk8s-alerting.io/secret-plaintext": "test cluster, the webhook is a sink"'),
      plaintextSecret('b'),
    ].join('---\n')));
    expect(only(findings, 'secret-plaintext').map((f) => [f.object.name, f.severity, f.suppressed])).toEqual([
      ['a', Severity.ERROR, { reason: 'test cluster, the webhook is a sink', by: 'annotation suppress.cdk8s-alerting.io/secret-plaintext' }],
      ['b', Severity.ERROR, undefined],
    ]);
    expect(findings.filter((f) => f.check.startsWith('suppression-'))).toEqual([]);
  });

  test('a suppression of another check does not suppress this one, and is reported as unused', () => {
    const findings = runChecks(model(plaintextSecret('a', '"suppress.cdk8s-alerting.io/url-credentials": "no credentials in URLs here"')));
    expect(only(findings, 'secret-plaintext')[0].suppressed).toBeUndefined();
    expect(only(findings, 'suppression-unused')).toEqual([expect.objectContaining({
      severity: Severity.WARNING,
      object: expect.objectContaining({ kind: 'Secret', name: 'a' }),
      message: 'metadata.annotations["suppress.cdk8s-alerting.io/url-credentials"]: the suppression ("no credentials in URLs here") suppresses nothing: url-credentials reports nothing on Secret monitoring/a',
    })]);
  });

  test('an unknown check ID or an empty reason is reported as suppression-invalid (an error), and suppresses nothing', () => {
    const findings = runChecks(model([
      plaintextSecret('a', '"suppress.cdk8s-alerting.io/secret-plaintxt": "typo"'),
      plaintextSecret('b', '"suppress.cdk8s-alerting.io/secret-plaintext": "  "'),
    ].join('---\n')));
    expect(only(findings, 'secret-plaintext').map((f) => f.suppressed)).toEqual([undefined, undefined]);
    expect(only(findings, 'suppression-invalid').map((f) => [f.object.name, f.severity, f.message, f.fix])).toEqual([
      ['a', Severity.ERROR, 'metadata.annotations["suppress.cdk8s-alerting.io/secret-plaintxt"]: the suppression names check "secret-plaintxt", which does not exist (did you mean "secret-plaintext"?), so it suppresses nothing', 'write "secret-plaintext"'],
      ['b', Severity.ERROR, 'metadata.annotations["suppress.cdk8s-alerting.io/secret-plaintext"]: the suppression of "secret-plaintext" has no reason, so it suppresses nothing', expect.stringMatching(/^say why/)],
    ]);
  });

  test('the same check and reason on several objects is one suppression: used if it suppresses anything, else reported once', () => {
    const used = runChecks(model([
      plaintextSecret('a', '"suppress.cdk8s-alerting.io/secret-plaintext": "test cluster"'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: monitoring, annotations: { "suppress.cdk8s-alerting.io/secret-plaintext": "test cluster" } }\n',
    ].join('---\n')));
    expect(only(used, 'suppression-unused')).toEqual([]);
    const unused = runChecks(model([
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: monitoring, annotations: { "suppress.cdk8s-alerting.io/secret-plaintext": "test cluster" } }\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: d, namespace: monitoring, annotations: { "suppress.cdk8s-alerting.io/secret-plaintext": "test cluster" } }\n',
    ].join('---\n')));
    expect(only(unused, 'suppression-unused').map((f) => [f.object.name, f.message])).toEqual([
      ['c', expect.stringMatching(/suppresses nothing: secret-plaintext reports nothing on ConfigMap monitoring\/c nor on the 1 other object\(s\) with the same suppression$/)],
    ]);
  });

  test('the suppression findings can be suppressed in turn', () => {
    const findings = runChecks(model('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: monitoring, annotations: { "suppress.cdk8s-alerting.io/secret-plaintext": "kept for the next release", "suppress.cdk8s-alerting.io/suppression-unused": "kept on purpose" } }\n'));
    expect(findings).toEqual([expect.objectContaining({ check: 'suppression-unused', suppressed: { reason: 'kept on purpose', by: 'annotation suppress.cdk8s-alerting.io/suppression-unused' } })]);
  });

  test('a model problem (invalid-object) is suppressible by its annotation', () => {
    const findings = runChecks(model('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r, namespace: monitoring, annotations: { "suppress.cdk8s-alerting.io/invalid-object": "generated by a tool we do not own" } }\nspec: { groups: nope }\n'));
    expect(findings).toEqual([expect.objectContaining({
      check: 'invalid-object',
      object: expect.objectContaining({ kind: 'PrometheusRule', namespace: 'monitoring', name: 'r' }),
      suppressed: expect.objectContaining({ reason: 'generated by a tool we do not own' }),
    })]);
  });

  test('config rules match by kind, namespace and name (with * wildcards); an unmatched rule is unused, a wrong ID invalid', () => {
    const yaml = [plaintextSecret('team-a-hook'), plaintextSecret('team-b-hook'), plaintextSecret('other')].join('---\n');
    const findings = runChecks(model(yaml), {
      suppressions: [
        { id: 'secret-plaintext', reason: 'team hooks are sinks', kind: 'Secret', namespace: 'monitoring', name: 'team-*-hook', file: 'c.yaml', field: 'suppressions[0]' },
        { id: 'secret-plaintext', reason: 'nothing is named so', name: 'nope', file: 'c.yaml', field: 'suppressions[1]' },
        { id: 'flux-dobule-post', reason: 'typo', file: 'c.yaml', field: 'suppressions[2]' },
      ],
    });
    expect(only(findings, 'secret-plaintext').map((f) => [f.object.name, f.suppressed?.by])).toEqual([
      ['team-a-hook', 'c.yaml suppressions[0]'], ['team-b-hook', 'c.yaml suppressions[0]'], ['other', undefined],
    ]);
    expect(only(findings, 'suppression-invalid').map((f) => [f.object.source.file, f.message])).toEqual([
      ['c.yaml', 'suppressions[2]: the suppression names check "flux-dobule-post", which does not exist (did you mean "flux-double-post"?), so it suppresses nothing'],
    ]);
    expect(only(findings, 'suppression-unused').map((f) => f.message)).toEqual([
      'suppressions[1]: the suppression of secret-plaintext ("nothing is named so") suppresses nothing: secret-plaintext reports nothing on the objects it names (name nope)',
    ]);
  });

  test('when only some checks run, suppressions of the others are not called unused', () => {
    const findings = runChecks(model(plaintextSecret('a', '"suppress.cdk8s-alerting.io/url-credentials": "no credentials in URLs here"')), {}, []);
    expect(findings).toEqual([]);
  });
});

describe('Suppressions.add on constructs', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'suppress-')); dirs.push(d); return d; };

  function secret(scope: Chart, id: string): ApiObject {
    return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'Secret', metadata: { name: id.toLowerCase() }, stringData: { url: 'https://hooks.example.invalid/x' } } as never);
  }

  /** Synthesizes `app`, returning what it printed on stderr. */
  function synthPrinted(app: App): string[] {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(...String(chunk).split('\n').filter(Boolean)); return true; });
    try { app.synth(); } finally { spy.mockRestore(); }
    return lines;
  }

  test('without the suppression the synth fails; with it the synth passes, lists the finding as suppressed, and writes the annotation', () => {
    const failing = new AlertingApp({ outdir: tmp() });
    secret(new Chart(failing, 'c', { namespace: 'monitoring' }), 'Hook');
    expect(() => failing.synth()).toThrow(/\[c\/Hook\] secret-plaintext: /);

    const outdir = tmp();
    const app = new AlertingApp({ outdir });
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    Suppressions.add(chart, [{ id: 'secret-plaintext', reason: 'test cluster, the webhook is a sink' }]);
    secret(chart, 'Hook'); // created after the call: annotated all the same
    expect(synthPrinted(app)).toEqual([
      expect.stringMatching(/^\[c\/Hook\] suppressed error secret-plaintext: .*\. Fix: .*\. Suppressed because: test cluster, the webhook is a sink$/),
    ]);
    const [file] = readdirSync(outdir);
    const [doc] = parseAllDocuments(readFileSync(join(outdir, file), 'utf8')).map((d) => d.toJS());
    expect(doc.metadata.annotations).toEqual({ 'suppress.cdk8s-alerting.io/secret-plaintext': 'test cluster, the webhook is a sink' });

    // check on the synthesized folder reports the same, as suppressed: parity
    const out: string[] = [];
    expect(main(['check', outdir, '--format', 'json'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const cli = JSON.parse(out.join('\n')).findings;
    expect(cli).toEqual([expect.objectContaining({ check: 'secret-plaintext', suppressed: { reason: 'test cluster, the webhook is a sink', by: 'annotation suppress.cdk8s-alerting.io/secret-plaintext' } })]);
    expect(findingsOf(app).map((f) => [f.check, f.message, f.suppressed])).toEqual(cli.map((f: Finding) => [f.check, f.message, f.suppressed]));
  });

  test('on the app: every object; the innermost reason wins; Suppressions.of lists what a construct declared', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'monitoring' });
    const b = new Chart(app, 'b', { namespace: 'monitoring' });
    secret(a, 'One');
    secret(b, 'Two');
    Suppressions.add(app, [{ id: 'secret-plaintext', reason: 'test cluster' }]);
    Suppressions.add(b, [{ id: 'secret-plaintext', reason: 'b: a sink' }]);
    expect(findingsOf(app).map((f) => [f.object.name, f.suppressed?.reason])).toEqual([['one', 'test cluster'], ['two', 'b: a sink']]);
    expect(Suppressions.of(b)).toEqual([{ id: 'secret-plaintext', reason: 'b: a sink' }]);
    expect(Suppressions.of(a)).toEqual([]);
  });

  test('strict mode does not fail on a suppressed warning', () => {
    const app = new AlertingApp({ outdir: tmp(), strict: true });
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'suppress.cdk8s-alerting.io/flux-double-post': 'nothing to post twice' } } });
    // suppression-unused is a warning: strict fails on it...
    expect(() => app.synth()).toThrow(/suppression-unused: /);
    // ...unless it is suppressed too
    const ok = new AlertingApp({ outdir: tmp(), strict: true });
    const c2 = new Chart(ok, 'c', { namespace: 'monitoring' });
    new ApiObject(c2, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'suppress.cdk8s-alerting.io/flux-double-post': 'nothing to post twice' } } });
    Suppressions.add(c2, [{ id: 'suppression-unused', reason: 'kept for the next Flux Alert' }]);
    expect(synthPrinted(ok)).toEqual([expect.stringMatching(/^\[c\/Cm\] suppressed warning suppression-unused: .*Suppressed because: kept for the next Flux Alert$/)]);
  });

  test('an unknown check ID fails the synth as suppression-invalid, with the construct path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    secret(chart, 'Hook');
    Suppressions.add(chart, [{ id: 'secret-plain-text', reason: 'typo' }]);
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Hook\] suppression-invalid: metadata\.annotations\["suppress\.cdk8s-alerting\.io\/secret-plain-text"\]: the suppression names check "secret-plain-text", which does not exist \(did you mean "secret-plaintext"\?\)/);
  });

  test('an empty reason or an ID that cannot be an annotation throws at once, with the construct path', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => Suppressions.add(chart, [{ id: 'secret-plaintext', reason: ' ' }, { id: 'Secret Plaintext', reason: 'x' }])).toThrow(
      /2 problems:\n {2}- \[c\] Suppressions\.add: suppressions\[0\]\.reason: must say why the finding is acceptable \(got " "\)\. Fix: .*\n {2}- \[c\] Suppressions\.add: suppressions\[1\]\.id: is not a check ID/,
    );
  });

  test('an annotation the user wrote on the object is kept', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    new ApiObject(chart, 'S', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'suppress.cdk8s-alerting.io/secret-plaintext': 'my own reason' } }, stringData: { a: 'b' } } as never);
    Suppressions.add(chart, [{ id: 'secret-plaintext', reason: 'the chart\'s reason' }]);
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ 'suppress.cdk8s-alerting.io/secret-plaintext': 'my own reason' });
  });
});

describe('cdk8s-alerting check --config', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'check-config-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.map((l) => l.replace(`${dir}/`, '')), err };
  }

  test('suppressed findings are listed with the reason and do not fail; the summary counts them', () => {
    writeFileSync(join(dir, 'secrets.yaml'), plaintextSecret('hook'));
    writeFileSync(join(dir, 'suppress.yaml'), 'suppressions:\n  - id: secret-plaintext\n    reason: test cluster, the webhook is a sink\n    kind: Secret\n');
    expect(run('check', join(dir, 'secrets.yaml')).code).toBe(1);
    const r = run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'suppress.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toEqual([expect.stringMatching(/^secrets\.yaml:0 Secret monitoring\/hook suppressed error secret-plaintext: .*\. Suppressed because: test cluster, the webhook is a sink$/)]);
    expect(r.err).toEqual(['1 objects checked: 0 error(s), 0 warning(s), 1 suppressed']);
    const json = JSON.parse(run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'suppress.yaml'), '--format', 'json').out.join('\n'));
    expect(json.findings[0].suppressed).toEqual({ reason: 'test cluster, the webhook is a sink', by: `${join(dir, 'suppress.yaml')} suppressions[0]` });
  });

  test('a suppressed invalid object is no longer unusable input', () => {
    writeFileSync(join(dir, 'rule.yaml'), 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r, namespace: monitoring }\nspec: { groups: nope }\n');
    expect(run('check', join(dir, 'rule.yaml')).code).toBe(2);
    writeFileSync(join(dir, 'c.yaml'), 'suppressions: [{ id: invalid-object, reason: "a fixture of the generator tests", name: r }]\n');
    const r = run('check', join(dir, 'rule.yaml'), '--config', join(dir, 'c.yaml'));
    expect(r).toMatchObject({ code: 0, out: [expect.stringMatching(/^rule\.yaml:0 PrometheusRule monitoring\/r suppressed error invalid-object: PrometheusRule monitoring\/r: spec\.groups: must be a list/)] });
  });

  test('a config file of the wrong shape is unusable input: one line, exit 2', () => {
    writeFileSync(join(dir, 'secrets.yaml'), plaintextSecret('hook'));
    writeFileSync(join(dir, 'c.yaml'), 'supressions: []\n');
    const r = run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'c.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^cdk8s-alerting check: .*c\.yaml: unknown key\(s\) "supressions"\. Fix: /)]);
    writeFileSync(join(dir, 'c.yaml'), 'suppressions: [{ id: secret-plaintext, reson: x }]\n');
    expect(run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'c.yaml')).err).toEqual([expect.stringMatching(/suppressions\[0\] has unknown key\(s\) "reson"/)]);
    expect(run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'missing.yaml')).code).toBe(2);
  });

  test('an entry without a reason is reported as suppression-invalid and suppresses nothing', () => {
    writeFileSync(join(dir, 'secrets.yaml'), plaintextSecret('hook'));
    writeFileSync(join(dir, 'c.yaml'), 'suppressions: [{ id: secret-plaintext }]\n');
    const r = run('check', join(dir, 'secrets.yaml'), '--config', join(dir, 'c.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toEqual([
      expect.stringMatching(/^secrets\.yaml:0 Secret monitoring\/hook secret-plaintext: /),
      expect.stringMatching(/c\.yaml:0 Suppression secret-plaintext suppression-invalid: suppressions\[0\]: the suppression of "secret-plaintext" has no reason/),
    ]);
  });
});

describe('the validation plugin', () => {
  function context(manifests: string[]) {
    const violations: Array<{ ruleName: string; recommendation: string }> = [];
    let status: string | undefined;
    const ctx: ValidationPluginContext = {
      manifests,
      report: { addViolation: (v) => { violations.push(v); }, submit: (s) => { status = s; } },
      logger: { log: () => undefined },
    };
    return { ctx, violations, status: () => status };
  }

  test('suppressions in its properties: the violation is listed as suppressed, with the reason, and the report succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugin-suppress-'));
    try {
      writeFileSync(join(dir, 's.yaml'), plaintextSecret('hook'));
      const c = context([join(dir, 's.yaml')]);
      await new AlertingValidation({ suppressions: [{ id: 'secret-plaintext', reason: 'test cluster' }] }).validate(c.ctx);
      expect(c.violations).toEqual([expect.objectContaining({
        ruleName: 'secret-plaintext (suppressed error)',
        recommendation: expect.stringMatching(/Suppressed because: test cluster \(cdk8s\.yaml suppressions\[0\]\)$/),
      })]);
      expect(c.status()).toBe('success');

      writeFileSync(join(dir, 'c.yaml'), 'suppressions: [{ id: secret-plaintext, reason: "from the file" }]\n');
      const d = context([join(dir, 's.yaml')]);
      await new AlertingValidation({ config: join(dir, 'c.yaml') }).validate(d.ctx);
      expect(d.violations.map((v) => v.ruleName)).toEqual(['secret-plaintext (suppressed error)']);
      expect(d.status()).toBe('success');

      const e = context([join(dir, 's.yaml')]);
      await new AlertingValidation({ suppressions: [{ id: 'secret-plaintext' } as never] }).validate(e.ctx);
      expect(e.violations.map((v) => v.ruleName)).toEqual(['secret-plaintext (error)', 'suppression-invalid (error)']);
      expect(e.status()).toBe('failure');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
