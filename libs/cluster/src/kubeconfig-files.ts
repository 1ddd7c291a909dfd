import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { isAbsolute, normalize, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@knm/common';
import { InvalidKubeconfigError } from './kubeconfig';
import { KUBECONFIG_MAX_CHARS } from './kubeconfig-yaml';

/** Largest kubeconfig file read, bytes (the kubeconfig text limit). */
export const KUBECONFIG_FILE_MAX_BYTES = KUBECONFIG_MAX_CHARS;

const FIELD = 'kubeconfigPath';

/** One answer for a missing file, a file outside the allowed directories and a symlink escape: no existence oracle. */
const refused = (dirs: readonly string[]): InvalidKubeconfigError =>
  new InvalidKubeconfigError([
    {
      field: FIELD,
      rule: dirs.length
        ? 'must name a readable regular file inside a directory allowed by KNM_KUBECONFIG_DIRS'
        : 'is disabled: no directory is allowed by KNM_KUBECONFIG_DIRS (send the kubeconfig text instead)',
    },
  ]);

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * Reads kubeconfig files named by `kubeconfigPath` under AppConfig.kubeconfigDirs only.
 *
 * The path must be absolute and inside an allowed directory both as written (`..` resolved) and
 * after resolving symlinks (realpath of the file and of the directory). Only regular files are
 * read: the type is checked with lstat before opening, the file is opened with O_NONBLOCK and
 * O_NOFOLLOW (a FIFO swapped in cannot block, a symlink swapped in is not followed), and fstat
 * must show the same regular file. Reads are asynchronous and stop at
 * {@link KUBECONFIG_FILE_MAX_BYTES}. Outside the allowed directories the answer is the same
 * whether or not the file exists.
 */
@Injectable()
export class KubeconfigFiles {
  private readonly dirs: readonly string[];

  constructor(config: AppConfig) {
    this.dirs = config.kubeconfigDirs.map((d) => normalize(d));
  }

  /** @throws InvalidKubeconfigError (400) naming `kubeconfigPath` and the rule. */
  async read(path: string): Promise<string> {
    if (!isAbsolute(path)) throw new InvalidKubeconfigError([{ field: FIELD, rule: 'must be an absolute path' }]);
    const written = normalize(path);
    if (!this.dirs.some((d) => inside(written, d))) throw refused(this.dirs);
    const real = await this.realInside(written);
    const before = await lstat(real).catch(() => null);
    if (!before) throw refused(this.dirs);
    if (!before.isFile()) throw new InvalidKubeconfigError([{ field: FIELD, rule: 'must name a regular file (not a directory, FIFO, socket or device)' }]);
    if (before.size > KUBECONFIG_FILE_MAX_BYTES) throw tooLarge();
    return this.readRegular(real, before.dev, before.ino);
  }

  /** The file's real path when it stays inside an allowed directory (also after symlinks), else the refusal. */
  private async realInside(written: string): Promise<string> {
    const real = await realpath(written).catch(() => null);
    if (real === null) throw refused(this.dirs);
    const realDirs = await Promise.all(this.dirs.map((d) => realpath(d).catch(() => null)));
    if (!realDirs.some((d) => d !== null && inside(real, d))) throw refused(this.dirs);
    return real;
  }

  private async readRegular(real: string, dev: number, ino: number): Promise<string> {
    const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(() => null);
    if (!handle) throw refused(this.dirs);
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.dev !== dev || st.ino !== ino) throw refused(this.dirs);
      const buf = Buffer.alloc(KUBECONFIG_FILE_MAX_BYTES + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > KUBECONFIG_FILE_MAX_BYTES) throw tooLarge();
      }
      return buf.subarray(0, length).toString('utf8');
    } finally {
      await handle.close();
    }
  }
}

function tooLarge(): InvalidKubeconfigError {
  return new InvalidKubeconfigError([{ field: FIELD, rule: `names a file larger than ${KUBECONFIG_FILE_MAX_BYTES} bytes` }]);
}
