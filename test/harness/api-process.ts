import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
const MAIN = join(REPO_ROOT, 'dist/server/apps/api/src/main.js');

export interface StartApiOptions {
  /** Extra environment (KNM_*). KNM_PORT defaults to 0 (free port), KNM_DATA_DIR to a fresh temp dir. */
  env?: Record<string, string>;
  /** Data dir to use (kept on stop); default: a temp dir removed on stop. Pass the same dir to restart on the same database. */
  dataDir?: string;
  /** Time allowed to print KNM_LISTENING, ms (default 60 000). */
  startTimeoutMs?: number;
}

/** A running API process started by the harness. */
export interface ApiProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  pid: number;
  /** Everything the process wrote to stdout/stderr so far (for failure messages). */
  output(): string;
  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). Removes a temp data dir. */
  stop(): Promise<void>;
  /** SIGKILL now, as a crash would. Keeps the data dir (restart with `dataDir`). */
  kill(): Promise<void>;
  /** Sends a signal (e.g. SIGSTOP/SIGCONT for lease tests). */
  signal(sig: NodeJS.Signals): void;
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/**
 * Spawns the built API (`dist/server/apps/api/src/main.js`, built by the jest globalSetup) and
 * resolves once it prints `KNM_LISTENING <url>`. Rejects with its output if it exits or times out.
 */
export async function startApi(options: StartApiOptions = {}): Promise<ApiProcess> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'knm-api-'));
  let out = '';
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', KNM_PORT: '0', KNM_HOST: '127.0.0.1', KNM_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${out}`));
    }, options.startTimeoutMs ?? 60_000);
    const onData = () => {
      const m = /KNM_LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`API exited (code ${code}, signal ${sig}) before listening:\n${out}`));
    });
  });
  const api: ApiProcess = {
    url,
    dataDir,
    pid: child.pid!,
    output: () => out,
    signal: (sig) => child.kill(sig),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await waitExit(child);
        clearTimeout(t);
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await waitExit(child);
    },
  };
  return api;
}
