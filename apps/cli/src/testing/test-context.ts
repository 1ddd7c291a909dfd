import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliContext } from '../commands/context';
import { CliError } from '../exit-codes';
import { ConfigStore } from '../config/config-store';
import { Output, type CliClock } from '../output';
import { DEFAULT_FOLLOW_TIMINGS } from '../progress/task-follower';
import type { TaskSocket } from '../progress/task-socket';
import { terminalLike } from '../progress/progress-view';

/** A text sink that keeps what was written. */
export class Captured {
  text = '';
  constructor(readonly isTTY = false) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** A settable clock. */
export class ManualClock implements CliClock {
  constructor(public ms = Date.parse('2026-11-21T10:00:00Z')) {}
  now(): number {
    return this.ms;
  }
}

/** A socket that never connects (the follower then uses REST). */
export const silentSocket = (): TaskSocket => ({
  onConnect: () => undefined,
  onDisconnect: () => undefined,
  onConnectError: () => undefined,
  onTaskEvent: () => undefined,
  subscribe: () => new Promise(() => undefined),
  close: () => undefined,
});

/** A CliContext over buffers and a fresh config directory; `cleanup()` removes the directory. */
export function testContext(env: NodeJS.ProcessEnv = {}, overrides: Partial<CliContext> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'knm-cli-test-'));
  const stdout = new Captured();
  const stderr = new Captured();
  const out = new Output(stdout, stderr);
  const ctx: CliContext = {
    out,
    env,
    clock: { now: () => Date.now() },
    store: new ConfigStore(join(dir, 'knm', 'config.json')),
    fetchFn: fetch,
    prompt: { stdin: new PassThrough() as unknown as NodeJS.ReadStream, stderr: new PassThrough() },
    openSocket: silentSocket,
    followTimings: { ...DEFAULT_FOLLOW_TIMINGS, fallbackAfterMs: 0, pollIntervalMs: 10 },
    onInterrupt: () => () => undefined,
    barStream: () => terminalLike(stdout),
    ...overrides,
  };
  return { ctx, stdout, stderr, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The CliError `fn` throws (the test fails when it throws nothing or something else). */
export function errorOf(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}
