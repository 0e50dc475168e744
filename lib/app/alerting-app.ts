import { App, AppProps, YamlOutputType } from 'cdk8s';
import { checkProps, shape as s } from '../_util/shape';
import { ALLOW_PLAINTEXT_SECRETS_CONTEXT, STRICT_CONTEXT } from '../checks';
import { runChecksIn, setPlainAppWriters, withFrozenChecks, withSharedRenders } from '../hook/app-hook';
import { checkOutputFolder } from '../output/folder-checks';
import { OwnedFolder } from '../output/owned-folder';
import { ReplacedFolder } from '../output/replaced-folder';
import { appYaml, writeApp } from './write-app';

/**
 * Props of {@link AlertingApp}.
 */
export interface AlertingAppProps extends AppProps {
  /**
   * A folder the manifests are also published to after a successful synth, e.g. a path in your
   * Flux repository. It may hold files of your own (a kustomization.yaml, a README, `.git/`):
   * the app keeps a manifest of the files it wrote there (`.cdk8s-alerting-manifest`), and
   * replaces or removes only those. It refuses, before writing anything, to replace or remove a
   * file it wrote that you changed since, to overwrite a file it did not write, and unsafe
   * folders (the file system root, your home folder, the project root, the working directory
   * or a parent of them, a file, a symlink, or a folder that is, is inside or contains `outdir`).
   * When any check fails, it is left untouched.
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

const PROPS = s.struct('AlertingAppProps', {
  outdir: s.optional(s.string({ fix: `pass a folder such as 'dist', or leave it out` })),
  outputFileExtension: s.optional(s.string({ fix: `use e.g. '.k8s.yaml'` })),
  yamlOutputType: s.optional(s.oneOf(YamlOutputType, 'YamlOutputType')),
  recordConstructMetadata: s.optional(s.boolean()),
  resolvers: s.optional(s.list(s.like('IResolver', { resolve: 'function' }, 'pass cdk8s resolvers, objects with a resolve(context) method'))),
  publishDir: s.optional(s.string({ fix: `pass a folder used only for these manifests, e.g. 'clusters/prod/alerting'` })),
  strict: s.optional(s.boolean()),
  allowPlaintextSecrets: s.optional(s.boolean()),
});

/**
 * A cdk8s App that checks the whole alerting stack before it writes anything.
 *
 * Every value and wiring check runs once per synth. When a check fails, nothing is written:
 * `outdir` and `publishDir` keep their previous contents. Otherwise the manifests are written to a staging folder first and then
 * moved into place.
 *
 * The files are those a plain App writes, byte for byte, with one exception: a string that a
 * YAML 1.2 reader (or Go's or Python's YAML libraries) would not read back as the same string,
 * such as `0o17`, `1e1_0` or `=`, is quoted, where cdk8s writes it bare. Each object is rendered
 * once per synth, for the checks and the YAML alike. (A plain `App` that holds constructs of
 * this library is written the same way, without the staging folder and `publishDir`.)
 *
 * `outdir` is the synth's own folder, as for the cdk8s CLI (which empties it before the app
 * runs): it is replaced as a whole, but only while it holds nothing but synth output (files
 * ending in `outputFileExtension`, `construct-metadata.json`, and folders of them); otherwise the
 * synth fails naming the first other file, and deletes nothing. Unsafe folders are refused as
 * for `publishDir`. Use `publishDir` for a folder shared with files of your own.
 *
 * Errors about the folders are `OutputFolderError`s, with a one-line message naming the option,
 * the path and the fix.
 */
export class AlertingApp extends App {
  /** Where manifests are published after a successful synth, if anywhere. */
  public readonly publishDir?: string;

  /**
   * @throws OutputFolderError when `outdir` or `publishDir` is an unsafe folder
   */
  constructor(props: AlertingAppProps = {}) {
    checkProps('AlertingApp', props, PROPS);
    super(props);
    this.publishDir = props.publishDir;
    if (props.strict) { this.node.setContext(STRICT_CONTEXT, true); }
    if (props.allowPlaintextSecrets) { this.node.setContext(ALLOW_PLAINTEXT_SECRETS_CONTEXT, true); }
    // The checks run over every object of the app, including those pulled in with Include.
    runChecksIn(this);
    // Refuse unsafe folders now, before any construct is built; synth() checks them again.
    this.folders();
  }

  public synth(): void {
    withFrozenChecks(this, () => withSharedRenders(this, () => {
      const { outdir, publish } = this.folders();
      const stage = outdir.stage();
      try {
        // Validates every construct before it writes the first file, as App.synth does, but
        // once, rendering each object once (for the checks and the YAML alike).
        if (!writeApp(this, stage.stagingPath)) {
          const given = this.outdir;
          (this as { outdir: string }).outdir = stage.stagingPath;
          try {
            super.synth();
          } finally {
            (this as { outdir: string }).outdir = given;
          }
        }
        const write = publish?.begin();
        try {
          write?.addFolder(stage.stagingPath);
          // Every check of both folders passes before either is changed.
          stage.check();
          write?.check();
          write?.commit();
        } catch (e) {
          write?.abort();
          throw e;
        }
      } catch (e) {
        stage.abort();
        throw e;
      }
      stage.commit();
    }));
  }

  /**
   * The app as one YAML text, as `App.synthYaml()` gives it, but checked once, each object
   * rendered once, and written as `synth()` writes files (strings other YAML readers would
   * misread are quoted).
   */
  public synthYaml(): string {
    return withFrozenChecks(this, () => withSharedRenders(this, () => appYaml(this)));
  }

  private folders(): { outdir: ReplacedFolder; publish?: OwnedFolder } {
    // Each folder on its own first, so "/" is reported as "/", not as containing the other folder.
    checkOutputFolder(this.outdir, { field: 'outdir' });
    if (this.publishDir !== undefined) { checkOutputFolder(this.publishDir, { field: 'publishDir' }); }
    const ext = this.outputFileExtension;
    const outdir = new ReplacedFolder(this.outdir, {
      field: 'outdir',
      replaceable: (rel) => (ext !== '' && rel.endsWith(ext)) || rel === 'construct-metadata.json',
      disjointFrom: this.publishDir === undefined ? [] : [{ field: 'publishDir', path: this.publishDir }],
    });
    const publish = this.publishDir === undefined ? undefined : new OwnedFolder(this.publishDir, {
      field: 'publishDir',
      disjointFrom: [{ field: 'outdir', path: this.outdir }],
    });
    return { outdir, publish };
  }
}

// A plain `new App()` holding constructs of this library is written the same way (cdk8s' file
// layout, one validation, one rendering per object, strings quoted for every YAML reader).
setPlainAppWriters(
  (app) => withSharedRenders(app, () => ({ written: writeApp(app as App, (app as App).outdir) })),
  (app) => withSharedRenders(app, () => ({ written: true, value: appYaml(app as App) })),
);
