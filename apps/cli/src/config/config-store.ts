import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, fsyncSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { CliError, ExitCode } from '../exit-codes';
import type { CliConfig } from './cli-config';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;
const LOCK_POLL_MS = 50;

/** `$XDG_CONFIG_HOME/knm/config.json` when XDG_CONFIG_HOME is an absolute path, else `~/.config/knm/config.json` (XDG Base Directory spec). */
export function configPath(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config');
  return join(base, 'knm', 'config.json');
}

const checksModes = process.platform !== 'win32';
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/**
 * Reads and checks permissions like ssh does for private keys: the file must be a regular file
 * owned by this user with no group/other permission bits, and its directory not writable by
 * group or others. Both hold credentials, so a looser file is refused rather than used.
 */
export class ConfigStore {
  constructor(readonly path: string) {}

  /** The config, `{}` when the file does not exist. @throws CliError (exit 3) for loose permissions or a file that is not JSON. */
  read(): CliConfig {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new CliError(`cannot read ${this.path}: ${(err as Error).message}`, ExitCode.Unreachable);
    }
    try {
      this.checkFile(fd);
      this.checkDir();
      return this.parse(readFileSync(fd, 'utf8'));
    } finally {
      closeSync(fd);
    }
  }

  /** Writes atomically (temporary file with mode 0600, fsync, rename) in a 0700 directory. */
  write(config: CliConfig): void {
    const dir = dirname(this.path);
    this.ensureDir(dir);
    const tmp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    const fd = openSync(tmp, 'wx', FILE_MODE);
    try {
      writeFileSync(fd, `${JSON.stringify(config, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  /** Reads, applies `change` and writes, under the lock (so concurrent `knm` processes do not lose each other's writes). */
  async update(change: (config: CliConfig) => CliConfig | Promise<CliConfig>): Promise<CliConfig> {
    return this.withLock(async () => {
      const next = await change(this.read());
      this.write(next);
      return next;
    });
  }

  /**
   * Runs `fn` holding `<config>.lock` (created exclusively; waits up to 10 s; a lock older than
   * 30 s is taken to be left by a dead process and removed).
   * @throws CliError (exit 3) when the lock cannot be had.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    this.ensureDir(dirname(this.path));
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx', FILE_MODE));
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (this.lockAgeMs(lock) > LOCK_STALE_MS) rmSync(lock, { force: true });
        else if (Date.now() > deadline) throw new CliError(`${lock} is held by another knm process; remove it if none runs`, ExitCode.Unreachable);
        else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
      }
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private lockAgeMs(lock: string): number {
    try {
      return Date.now() - statSync(lock).mtimeMs;
    } catch {
      return 0;
    }
  }

  private ensureDir(dir: string): void {
    try {
      statSync(dir);
    } catch {
      mkdirSync(dir, { recursive: true, mode: DIR_MODE });
      if (checksModes) chmodSync(dir, DIR_MODE);
    }
    this.checkDir();
  }

  private checkFile(fd: number): void {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new CliError(`${this.path} is not a regular file`, ExitCode.Unreachable);
    if (!checksModes) return;
    if ((st.mode & 0o077) !== 0) {
      throw new CliError(`permissions ${octal(st.mode)} for '${this.path}' are too open`, ExitCode.Unreachable, [
        'It holds credentials and must not be accessible by others.',
        `Fix it with: chmod 600 '${this.path}'`,
      ]);
    }
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
      throw new CliError(`'${this.path}' is owned by uid ${st.uid}, not by you (uid ${process.getuid()})`, ExitCode.Unreachable);
    }
  }

  private checkDir(): void {
    if (!checksModes) return;
    const dir = dirname(this.path);
    const st = statSync(dir);
    if ((st.mode & 0o022) !== 0) {
      throw new CliError(`permissions ${octal(st.mode)} for directory '${dir}' are too open`, ExitCode.Unreachable, [
        'Others could replace the credentials file in it.',
        `Fix it with: chmod 700 '${dir}'`,
      ]);
    }
  }

  private parse(text: string): CliConfig {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
      return value as CliConfig;
    } catch (err) {
      throw new CliError(`${this.path} is not valid: ${(err as Error).message}; fix or remove it (knm logout)`, ExitCode.Unreachable);
    }
  }
}
