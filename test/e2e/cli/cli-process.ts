import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../harness';

export const CLI_MAIN = join(REPO_ROOT, 'dist/server/apps/cli/src/main.js');

/** What a finished CLI run left. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `knm` child process (the built CLI, as a user runs it). */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<CliResult>;
}

/**
 * A home for CLI runs: its own config directory (XDG_CONFIG_HOME) and a clean environment
 * (PATH with node, no KNM_* from the outer shell). `remove()` deletes the directory.
 */
export class CliHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'knm-cli-e2e-'));

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: this.dir, XDG_CONFIG_HOME: this.dir, NO_COLOR: '1', ...extra };
  }

  /** Starts `knm args...` (or `command args...` when `command` is given, e.g. kubectl). */
  spawn(args: string[], env: Record<string, string>, command?: string): CliProcess {
    const child = command ? spawn(command, args, { env: this.env(env) }) : spawn(process.execPath, [CLI_MAIN, ...args], { env: this.env(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
  }

  /** Runs `knm args...` to its end. */
  run(args: string[], env: Record<string, string>, command?: string): Promise<CliResult> {
    return this.spawn(args, env, command).exited;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Strips ANSI control sequences (the bar's cursor moves) from captured terminal output. */
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, 'g');
export const stripAnsi = (s: string): string => s.replace(ANSI, '');

/** The percentages the bar drew, in order. */
export const barPercentages = (stdout: string): number[] => [...stripAnsi(stdout).matchAll(/\] (\d+)% \|/g)].map((m) => Number(m[1]));
