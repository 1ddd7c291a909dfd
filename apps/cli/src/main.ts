import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CommanderError } from 'commander';
import { CliError, ExitCode } from './exit-codes';
import { Output, systemClock } from './output';
import { normalizeDryRunArgs } from './args/dry-run';
import { ConfigStore, configPath } from './config/config-store';
import type { CliContext, ExitHolder } from './commands/context';
import { buildProgram } from './program';
import { DEFAULT_FOLLOW_TIMINGS, type FollowTimings } from './progress/task-follower';
import { openTaskSocket } from './progress/task-socket';
import { terminalLike } from './progress/progress-view';

/** Commander codes that are not errors. */
const NOT_ERRORS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Runs `knm` with `argv` (the arguments after the program) and resolves its exit code; never
 * throws. Errors print as `error: ...` on stderr (kubectl's form).
 */
export async function runCli(argv: readonly string[], ctx: CliContext, name = 'knm', version = cliVersion()): Promise<number> {
  const exit: ExitHolder = { code: ExitCode.Ok };
  try {
    const program = buildProgram(ctx, name, version, exit);
    await program.parseAsync(normalizeDryRunArgs(argv), { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) return NOT_ERRORS.has(err.code) ? ExitCode.Ok : ExitCode.Usage;
    if (err instanceof CliError) {
      ctx.out.error(err.message, err.details);
      return err.exitCode;
    }
    ctx.out.error(`unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return ExitCode.Failed;
  }
}

/** The repository's package.json version (the CLI ships with the server), or `unknown`. */
function cliVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kube-node-manager') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/**
 * Follow timings; KNM_SOCKET_FALLBACK_MS (whole ms) sets how long a lost socket may take to come
 * back before the task is followed over REST.
 */
export function followTimings(env: NodeJS.ProcessEnv): FollowTimings {
  const raw = env.KNM_SOCKET_FALLBACK_MS;
  return raw && /^\d+$/.test(raw) ? { ...DEFAULT_FOLLOW_TIMINGS, fallbackAfterMs: Number(raw) } : DEFAULT_FOLLOW_TIMINGS;
}

/** The real process: stdout/stderr, the environment, the user's config file, the network. */
export function processContext(): CliContext {
  const out = new Output(process.stdout, process.stderr);
  return {
    out,
    env: process.env,
    clock: systemClock,
    store: new ConfigStore(configPath(process.env)),
    fetchFn: fetch,
    prompt: { stdin: process.stdin, stderr: process.stderr },
    openSocket: openTaskSocket,
    followTimings: followTimings(process.env),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    barStream: () => (process.stdout.isTTY ? process.stdout : terminalLike(out.stdout)),
  };
}

/** `kubectl knm` when started through the kubectl plugin launcher (`kubectl-knm`), else `knm`. */
export function programName(argv1: string | undefined, env: NodeJS.ProcessEnv): string {
  return env.KNM_PROGRAM_NAME ?? (argv1 && basename(argv1).startsWith('kubectl-') ? 'kubectl knm' : 'knm');
}

/** Resolves once everything written to `stream` has been handed to the OS. */
const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => (stream.writableLength > 0 ? stream.once('drain', resolve) : resolve()));

/** Runs the process's command line and exits with its code (the launchers in scripts/ call this). */
export async function start(): Promise<never> {
  // `knm ... | head`: a closed pipe ends the command quietly, as other CLIs do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? process.exit(0) : undefined));
  const code = await runCli(process.argv.slice(2), processContext(), programName(process.argv[1], process.env));
  // Idle keep-alive connections must not hold a finished command for seconds: exit once output is out.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

if (require.main === module) void start();
