/**
 * The CLI's program name, help and exit codes, and `routes show|test` on hand-written inputs
 * (test/e2e/routes-cli.test.ts compares the output with the real amtool).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { main } from '../../lib/cli/main';
import { formatMatchingTree, formatRoutingTree } from '../../lib/cli/routes-command';
import { routeTree, simulateRouting } from '../../lib/simulate/route-simulator';
import { NativeAlertmanagerConfig } from '../../lib/simulate';

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const alertmanager = (name: string, namespace = 'monitoring') => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'Alertmanager',
  metadata: { name, namespace },
  spec: { alertmanagerConfigSelector: {}, alertmanagerConfigMatcherStrategy: { type: 'None' } },
});

const config = {
  apiVersion: 'monitoring.coreos.com/v1alpha1',
  kind: 'AlertmanagerConfig',
  metadata: { name: 'team', namespace: 'monitoring' },
  spec: {
    route: {
      receiver: 'slack',
      matchers: [{ name: 'team', value: 'a' }],
      routes: [
        { receiver: 'pager', matchers: [{ name: 'severity', value: 'critical' }], continue: true },
        { matchers: [{ name: 'severity', matchType: '=~', value: 'critical|warning' }] },
      ],
    },
    receivers: [{ name: 'slack', webhookConfigs: [{ url: 'https://slack.invalid/' }] }, { name: 'pager', webhookConfigs: [{ url: 'https://pager.invalid/' }] }],
  },
};

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'routes-cli-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, docs: readonly object[]): string {
  const file = join(dir, name);
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
  return file;
}

describe('the program', () => {
  test('its usage names cdk8s-alerting, never the script file, and lists every command', () => {
    const { code, out } = run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: cdk8s-alerting <command>/);
    expect(out).not.toMatch(/main\.js|cli\.js|\.ts\b/);
    for (const c of ['check', 'effective-config', 'rule-files', 'routes', 'diagram']) { expect(out).toMatch(new RegExp(`^  ${c} `, 'm')); }
  });

  test.each(['check', 'effective-config', 'rule-files', 'routes', 'diagram'])('%s --help, -h and help <command> print its usage on stdout and exit 0', (command) => {
    for (const argv of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const { code, out, err } = run(...argv);
      expect({ argv, code, err }).toStrictEqual({ argv, code: 0, err: '' });
      expect(out).toMatch(new RegExp(`^usage: cdk8s-alerting ${command}\\b`));
      expect(out).not.toMatch(/main\.js|cli\.js/);
    }
  });

  test('routes test --help and routes show --help print the routes usage', () => {
    expect(run('routes', 'test', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: cdk8s-alerting routes/) });
    expect(run('routes', 'show', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: cdk8s-alerting routes/) });
  });

  test('no command, an unknown command or help on one: usage on stderr, exit 2', () => {
    expect(run()).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^usage: cdk8s-alerting/) });
    expect(run('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"/) });
    expect(run('help', 'frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"/) });
  });

  test('an unexpected error is one line without a stack trace; --debug adds the trace', () => {
    const file = write('am.yaml', [alertmanager('main')]);
    const failing = (debug: boolean) => {
      const err: string[] = [];
      const code = main(['routes', 'show', file, ...(debug ? ['--debug'] : [])], { out: () => { throw new Error('disk full'); }, err: (l) => err.push(l) });
      return { code, err: err.join('\n') };
    };
    const plain = failing(false);
    expect(plain.code).toBe(2);
    expect(plain.err).toBe('cdk8s-alerting routes: disk full (run with --debug for details)');
    const debug = failing(true);
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/^cdk8s-alerting routes: disk full\nError: disk full\n\s+at /);
  });
});

describe('routes', () => {
  test('show: the tree of the effective configuration, as amtool draws it', () => {
    const file = write('stack.yaml', [alertmanager('main'), config]);
    const { code, out } = run('routes', 'show', file);
    expect(code).toBe(0);
    expect(out).toBe([
      'Routing tree:',
      '.',
      '└── default-route  receiver: null',
      '    └── {team="a"}  continue: true  receiver: monitoring/team/slack',
      '        ├── {severity="critical"}  continue: true  receiver: monitoring/team/pager',
      '        └── {severity=~"critical|warning"}  receiver: monitoring/team/slack',
      '',
    ].join('\n'));
  });

  test('test: the receivers, comma-separated in tree order; --tree shows the routes taken', () => {
    const file = write('stack.yaml', [alertmanager('main'), config]);
    expect(run('routes', 'test', file, 'team=a', 'severity=critical')).toMatchObject({ code: 0, out: 'monitoring/team/pager,monitoring/team/slack' });
    expect(run('routes', 'test', file, 'team=b')).toMatchObject({ code: 0, out: 'null' });
    expect(run('routes', 'test', file, '--tree', 'team="a"', 'severity=warning').out).toBe([
      'Matching routes:',
      '.',
      '└── default-route',
      '    └── {team="a"}',
      '        └── {severity=~"critical|warning"}  receiver: monitoring/team/slack',
      '',
      '',
      'monitoring/team/slack',
    ].join('\n'));
  });

  test('--verify.receivers: exit 1 and amtool\'s WARNING line when the receivers differ, 0 when they match', () => {
    const file = write('stack.yaml', [alertmanager('main'), config]);
    expect(run('routes', 'test', file, '--verify.receivers=monitoring/team/slack', 'team=a')).toMatchObject({ code: 0, out: 'monitoring/team/slack' });
    expect(run('routes', 'test', file, '--verify.receivers', 'monitoring/team/pager', 'team=a')).toMatchObject({
      code: 1, out: 'monitoring/team/slack\nWARNING: Expected receivers did not match resolved receivers.',
    });
  });

  test('labels: amtool\'s syntax; anything but label=value is bad usage (exit 2)', () => {
    const file = write('stack.yaml', [alertmanager('main'), config]);
    expect(run('routes', 'test', file, 'team=~a')).toMatchObject({ code: 2, err: expect.stringMatching(/label "team=~a": labels must be specified as key=value pairs[\s\S]*usage: cdk8s-alerting routes/) });
    expect(run('routes', 'test', file, 'team="a')).toMatchObject({ code: 2, err: expect.stringMatching(/label "team=\\"a": .*unescaped double quote/) });
    // an argument shaped like a label is a label; a path holding '=' starts with / or ./
    const odd = write('a=b.yaml', [alertmanager('main'), config]);
    expect(run('routes', 'test', odd, 'team=a')).toMatchObject({ code: 0, out: 'monitoring/team/slack' });
    expect(run('routes', 'test', 'a=b.yaml')).toMatchObject({ code: 2, err: expect.stringMatching(/routes test needs at least one folder or file/) });
  });

  test('several Alertmanagers: --alertmanager chooses one (namespace/name, or a name that is unique)', () => {
    const file = write('stack.yaml', [alertmanager('main'), alertmanager('other', 'ops'), config]);
    expect(run('routes', 'show', file)).toMatchObject({ code: 2, err: expect.stringMatching(/holds 2 Alertmanagers \(monitoring\/main, ops\/other\): choose one with --alertmanager <namespace>\/<name>/) });
    expect(run('routes', 'test', file, '--alertmanager', 'monitoring/main', 'team=a').out).toBe('monitoring/team/slack');
    // the other Alertmanager reads only its own namespace (unset namespace selector): the config is not in its tree
    expect(run('routes', 'test', file, '--alertmanager=other', 'team=a').out).toBe('null');
    expect(run('routes', 'show', file, '--alertmanager', 'ops/main')).toMatchObject({ code: 2, err: expect.stringMatching(/--alertmanager "ops\/main": no such Alertmanager in the input \(it holds monitoring\/main, ops\/other\)/) });
  });

  test('unusable input: exit 2 with a one-line reason', () => {
    const empty = write('cm.yaml', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]);
    expect(run('routes', 'show', empty)).toMatchObject({ code: 2, err: expect.stringMatching(/no Alertmanager object in /) });
    // the same exit code from every command that needs an Alertmanager
    expect(run('effective-config', empty)).toMatchObject({ code: 2, err: expect.stringMatching(/no Alertmanager object in /) });
    expect(run('routes', 'show', join(dir, 'missing'))).toMatchObject({ code: 2 });
    expect(run('routes', 'test')).toMatchObject({ code: 2, err: expect.stringMatching(/routes test needs at least one folder or file/) });
    // a document the model cannot use: the tree is still printed, exit 2
    const broken = write('broken.yaml', [alertmanager('main'), { apiVersion: 'v1', kind: 'ConfigMap' }]);
    expect(run('routes', 'show', broken)).toMatchObject({ code: 2, out: expect.stringMatching(/^Routing tree:/), err: expect.stringMatching(/metadata\.name/) });
  });

  test('a configuration the operator cannot generate: exit 1 with the reason', () => {
    const am = alertmanager('main');
    const file = write('stack.yaml', [{ ...am, spec: { ...am.spec, alertmanagerConfiguration: { name: 'missing-base' } } }]);
    const { code, err } = run('routes', 'show', file);
    expect(code).toBe(1);
    expect(err).toMatch(/^Alertmanager monitoring\/main: the operator cannot generate its configuration, so Alertmanager keeps the one it has: .*missing-base/);
  });
});

describe('formatRoutingTree / formatMatchingTree', () => {
  const native: NativeAlertmanagerConfig = {
    route: {
      receiver: 'root',
      routes: [
        { receiver: 'a', match: { x: '1' }, continue: true, routes: [{ receiver: 'a1', matchers: ['y="2"'] }, { matchers: ['z!="q\\\\"'] }] },
        { matchers: [], continue: true },
        { receiver: 'c', match_re: { w: '.+' }, matchers: ['v="\\n"'] },
      ],
    },
    receivers: [{ name: 'root' }, { name: 'a' }, { name: 'a1' }, { name: 'c' }],
    templates: [],
  };

  test('nested branches: │ and two no-break spaces under a branch that is not the last, matchers sorted, default-route for none', () => {
    expect(formatRoutingTree(routeTree(native)).split('\n')).toStrictEqual([
      'Routing tree:',
      '.',
      '└── default-route  receiver: root',
      '    ├── {x="1"}  continue: true  receiver: a',
      '    │\u00a0\u00a0 ├── {y="2"}  receiver: a1',
      '    │\u00a0\u00a0 └── {z!="q\\\\"}  receiver: a',
      '    ├── default-route  continue: true  receiver: root',
      '    └── {v="\\n",w=~".+"}  receiver: c',
      '',
    ]);
  });

  test('the matching tree holds the prefixes of the matched paths; only final routes show a receiver', () => {
    const labels = { x: '1', y: '3', z: 'q\\', w: 'k', v: '\n' };
    const paths = simulateRouting(native, labels).map((m) => m.routePath);
    expect(paths).toStrictEqual([[0], [1], [2]]);
    expect(formatMatchingTree(routeTree(native), paths).split('\n')).toStrictEqual([
      'Matching routes:',
      '.',
      '└── default-route',
      '    ├── {x="1"}  receiver: a',
      '    ├── default-route  receiver: root',
      '    └── {v="\\n",w=~".+"}  receiver: c',
      '',
    ]);
  });
});
