/**
 * A folder replaced as a whole by each synth, the way the cdk8s CLI treats its output folder,
 * but only while it holds nothing a synth would not have written.
 *
 * @module
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { describeFsError, OutputFolderError, q } from './errors';
import { checkOutputFolder, FolderCheckOptions, lstatOrUndefined } from './folder-checks';
import { mkdirTracked, removeEmptyFolders } from './fs-tracked';

/** Options of a {@link ReplacedFolder}. */
export interface ReplacedFolderOptions extends FolderCheckOptions {
  /**
   * Whether a file already in the folder (by `/`-separated relative path) is one a synth writes,
   * such as `stack.k8s.yaml`: only such files (and folders holding only such files) are replaced.
   */
  readonly replaceable: (relativePath: string) => boolean;
}

/**
 * A synth output folder (cdk8s' `outdir`), replaced as a whole by renaming a staging folder
 * (a sibling, on the same file system) into its place, so readers never see half an output.
 *
 * Before it replaces the folder it checks that everything in it is `replaceable` (synth output),
 * and refuses otherwise, naming the first file that is not; so a mistaken outdir (a source
 * folder, a Git checkout, a folder with a README) is never emptied. The folder itself is checked
 * as {@link checkOutputFolder} does.
 */
export class ReplacedFolder {
  /** The absolute folder. */
  public readonly path: string;
  /** The option that names the folder, used in error messages. */
  public readonly field: string;

  private readonly given: string;
  private readonly options: ReplacedFolderOptions;

  /**
   * Checks the folder path (it need not exist); nothing is written until {@link stage}.
   * @throws OutputFolderError when the folder is unsafe
   */
  constructor(folder: string, options: ReplacedFolderOptions) {
    this.path = checkOutputFolder(folder, options);
    this.field = options.field ?? 'output folder';
    this.given = folder;
    this.options = options;
  }

  /**
   * Checks the folder and its contents, then creates the staging folder to synthesize into.
   * @throws OutputFolderError when the folder is unsafe or holds files a synth does not write
   */
  public stage(): ReplacedFolderStage {
    this.check();
    return new ReplacedFolderStage(this);
  }

  /**
   * Checks the folder path again and that everything in it is replaceable.
   * @throws OutputFolderError naming the first entry that is not (and how many more)
   */
  public check(): void {
    checkOutputFolder(this.given, this.options);
    const foreign: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const name of fs.readdirSync(dir).sort()) {
        const p = path.join(dir, name);
        const rel = prefix ? `${prefix}/${name}` : name;
        const st = fs.lstatSync(p);
        if (st.isDirectory()) {
          walk(p, rel);
        } else if (!st.isFile() || !this.options.replaceable(rel)) {
          foreign.push(rel);
        }
      }
    };
    if (lstatOrUndefined(this.path)) { walk(this.path, ''); }
    if (foreign.length > 0) {
      const more = foreign.length > 1 ? ` (and ${foreign.length - 1} more)` : '';
      throw new OutputFolderError(this.field, this.given,
        `holds ${q(foreign[0])}${more}, which a synth does not write; the library replaces ${this.field} as a whole (as the cdk8s CLI does) and never deletes files it did not write`,
        `move ${q(path.join(this.path, foreign[0]))} away, or set ${this.field} to a folder used only for the synth output, e.g. "cdk8s.out"; to publish next to files of your own, use publishDir`);
    }
  }
}

/** The staging folder of one synth into a {@link ReplacedFolder}. */
export class ReplacedFolderStage {
  /** The staging folder to synthesize into: a sibling of the folder. */
  public readonly stagingPath: string;

  private readonly folder: ReplacedFolder;
  private readonly createdFolders: string[];
  private state: 'open' | 'committed' | 'aborted' = 'open';

  /** @internal use {@link ReplacedFolder.stage} */
  constructor(folder: ReplacedFolder) {
    this.folder = folder;
    const parent = path.dirname(folder.path);
    try {
      this.createdFolders = mkdirTracked(parent);
    } catch (e) {
      throw new OutputFolderError(folder.field, folder.path, `cannot create ${q(parent)} (${describeFsError(e)})`, 'check the permissions');
    }
    try {
      this.stagingPath = fs.mkdtempSync(`${folder.path}.cdk8s-alerting-staging-`);
    } catch (e) {
      removeEmptyFolders(this.createdFolders);
      throw new OutputFolderError(folder.field, folder.path, `cannot create a staging folder next to it (${describeFsError(e)})`, 'check the permissions of the parent folder');
    }
  }

  /**
   * Checks the folder again (its contents may have changed during the synth).
   * @throws OutputFolderError when it is unsafe now; the stage is then aborted
   */
  public check(): void {
    this.guard(() => this.folder.check());
  }

  /**
   * Replaces the folder by the staging folder.
   * @throws OutputFolderError when a check fails or a rename fails (the folder is then unchanged)
   */
  public commit(): void {
    this.guard(() => {
      this.folder.check();
      const target = this.folder.path;
      const old = `${target}.cdk8s-alerting-old-${crypto.randomBytes(6).toString('hex')}`;
      const hadTarget = lstatOrUndefined(target) !== undefined;
      try {
        if (hadTarget) { fs.renameSync(target, old); }
      } catch (e) {
        throw new OutputFolderError(this.folder.field, target, `cannot be moved aside to be replaced (${describeFsError(e)})`, 'check the permissions of its parent folder; nothing was changed');
      }
      try {
        fs.renameSync(this.stagingPath, target);
      } catch (e) {
        if (hadTarget) { fs.renameSync(old, target); }
        throw new OutputFolderError(this.folder.field, target, `cannot be replaced (${describeFsError(e)})`, 'check the permissions of its parent folder; nothing was changed');
      }
      this.state = 'committed';
      // Only synth output is in there: check() refused anything else.
      if (hadTarget) { fs.rmSync(old, { recursive: true, force: true }); }
    });
  }

  /** Removes the staging folder and the parent folders it created; does nothing after a commit. */
  public abort(): void {
    if (this.state !== 'open') { return; }
    this.state = 'aborted';
    fs.rmSync(this.stagingPath, { recursive: true, force: true });
    removeEmptyFolders(this.createdFolders);
  }

  private guard(fn: () => void): void {
    if (this.state !== 'open') {
      throw new OutputFolderError(this.folder.field, this.folder.path, `this synth was ${this.state} already`, 'stage again for a new synth');
    }
    try {
      fn();
    } catch (e) {
      this.abort();
      throw e;
    }
  }
}
