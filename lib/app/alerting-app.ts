import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { ALLOW_PLAINTEXT_SECRETS_CONTEXT, STRICT_CONTEXT } from '../checks';
import { runChecksIn, withFrozenChecks } from '../hook/app-hook';

/**
 * Props of {@link AlertingApp}.
 */
export interface AlertingAppProps extends AppProps {
  /**
   * A directory the manifests are published to after a successful synth, e.g. a path in
   * your Flux repository. Its contents are replaced as a whole; when any check fails it is
   * left untouched. Use it with the `cdk8s` CLI, which empties its own output directory
   * before the app runs.
   * @default - the manifests are only written to `outdir`
   */
  readonly publishDir?: string;
  /**
   * Whether warnings (such as an info and an error Flux Alert posting errors twice) fail the synth.
   * @default false (also enabled by the context key `cdk8s-alerting:strict` or `CDK8S_ALERTING_STRICT=1`)
   */
  readonly strict?: boolean;
  /**
   * Whether Secrets defined in the app, whose values end up in the YAML, are allowed.
   * @default false
   */
  readonly allowPlaintextSecrets?: boolean;
}

/**
 * A cdk8s App that checks the whole alerting stack before it writes anything.
 *
 * Every value and wiring check runs once per synth (a plain App re-validates for every
 * chart). When a check fails, nothing is written: the output directory and `publishDir`
 * keep their previous contents. Otherwise the manifests are written to a temporary
 * directory first and then swapped into place.
 */
export class AlertingApp extends App {
  /** Where manifests are published after a successful synth, if anywhere. */
  public readonly publishDir?: string;

  constructor(props: AlertingAppProps = {}) {
    super(props);
    this.publishDir = props.publishDir;
    if (props.strict) { this.node.setContext(STRICT_CONTEXT, true); }
    if (props.allowPlaintextSecrets) { this.node.setContext(ALLOW_PLAINTEXT_SECRETS_CONTEXT, true); }
    // The checks run over every object of the app, including those pulled in with Include.
    runChecksIn(this);
  }

  public synth(): void {
    withFrozenChecks(this, () => {
      const target = path.resolve(this.outdir);
      const staging = `${target}.staging-${process.pid}`;
      fs.rmSync(staging, { recursive: true, force: true });
      const outdir = this.outdir;
      // App.synth validates every construct before it writes the first file.
      (this as { outdir: string }).outdir = staging;
      try {
        super.synth();
      } catch (e) {
        fs.rmSync(staging, { recursive: true, force: true });
        throw e;
      } finally {
        (this as { outdir: string }).outdir = outdir;
      }
      if (this.publishDir) {
        const copy = `${path.resolve(this.publishDir)}.staging-${process.pid}`;
        fs.rmSync(copy, { recursive: true, force: true });
        fs.cpSync(staging, copy, { recursive: true });
        swapInto(copy, path.resolve(this.publishDir));
      }
      swapInto(staging, target);
    });
  }
}

/** Replaces `target` with `staging` by two renames, so readers never see a half-written directory. */
function swapInto(staging: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) { fs.renameSync(target, old); }
  fs.renameSync(staging, target);
  fs.rmSync(old, { recursive: true, force: true });
}
