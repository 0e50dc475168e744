/**
 * The same objects give the same findings whatever reads them: what a synth reports equals what
 * `cdk8s-alerting check` reports on the folder that synth wrote, for every example.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import { AlertingApp, FluxAlert, FluxEventSeverity, FluxSourceKind, Suppressions, findingsOf, findingText, findingTextWithSuppression } from '../../lib/tooling';
import { main } from '../../lib/cli/main';
import { FirstArticleChart } from '../../examples/first-article';
import { SecondArticleChart } from '../../examples/second-article';
import { FLEET, buildFleet } from '../../examples/fleet/main';

/** Synthesizes `app`, returning the check texts it printed as warnings (errors would throw). */
function synthReported(app: App): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    app.synth();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).map((l) => /^\[[^\]]*\] warning (.*)$/.exec(l)?.[1]).filter((l): l is string => !!l).sort();
}

/** Synthesizes `app`, returning the texts of the findings it printed as suppressed. */
function synthSuppressed(app: App): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    app.synth();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).map((l) => /^\[[^\]]*\] suppressed (?:error|warning) (.*)$/.exec(l)?.[1]).filter((l): l is string => !!l).sort();
}

/** The check texts `cdk8s-alerting check --format json` reports on `dir`. */
function checkReported(dir: string): string[] {
  const out: string[] = [];
  const code = main(['check', dir, '--format', 'json'], { out: (l) => out.push(l), err: () => undefined });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')).findings.map(findingText).sort();
}

describe('synth and check agree', () => {
  const dirs: string[] = [];
  const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'parity-')); dirs.push(d); return d; };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('the article examples (examples/main.ts)', () => {
    const outdir = tmp();
    const app = new AlertingApp({ outdir });
    new FirstArticleChart(app, 'first-article');
    new SecondArticleChart(app, 'second-article');
    const inApp = findingsOf(app).map(findingText).sort();
    const reported = synthReported(app);
    expect(reported).toEqual(inApp);
    expect(checkReported(outdir)).toEqual(reported);
  });

  test('the article examples with a mistake that warns: an info Alert beside the error Alert', () => {
    const outdir = tmp();
    const app = new AlertingApp({ outdir });
    new FirstArticleChart(app, 'first-article');
    const second = new SecondArticleChart(app, 'second-article');
    new FluxAlert(second, 'Everything', { provider: second.provider, eventSeverity: FluxEventSeverity.INFO, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    const reported = synthReported(app);
    expect(reported).toEqual([expect.stringMatching(/^flux-double-post: spec\.eventSeverity: this info Alert forwards errors too, and Alert flux-system\/flux-alerts /)]);
    expect(checkReported(outdir)).toEqual(reported);
  });

  test('the same mistake, suppressed on the construct: synth and check list it as suppressed, with the reason', () => {
    const outdir = tmp();
    const app = new AlertingApp({ outdir });
    new FirstArticleChart(app, 'first-article');
    const second = new SecondArticleChart(app, 'second-article');
    const everything = new FluxAlert(second, 'Everything', { provider: second.provider, eventSeverity: FluxEventSeverity.INFO, eventSources: [{ kind: FluxSourceKind.KUSTOMIZATION }] });
    Suppressions.add(everything, [{ id: 'flux-double-post', reason: 'the audit channel wants every event' }]);
    const suppressed = synthSuppressed(app);
    expect(suppressed).toEqual([expect.stringMatching(/^flux-double-post: .*\. Suppressed because: the audit channel wants every event$/)]);
    const out: string[] = [];
    expect(main(['check', outdir, '--format', 'json'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const cli = JSON.parse(out.join('\n')).findings;
    expect(cli.filter((f: { suppressed?: unknown }) => f.suppressed).map(findingTextWithSuppression).sort()).toEqual(suppressed);
    expect(cli.filter((f: { suppressed?: unknown }) => !f.suppressed)).toEqual([]);
  });

  test.each(FLEET.map((c) => [c.name, c] as const))('fleet cluster %s', (_name, cluster) => {
    const outdir = tmp();
    const fleet = buildFleet([cluster], { outdir });
    const { app } = fleet.clusters[0];
    const reported = synthReported(app);
    expect(reported).toEqual(findingsOf(app).map(findingText).sort());
    expect(checkReported(app.outdir)).toEqual(reported);
  });
});
