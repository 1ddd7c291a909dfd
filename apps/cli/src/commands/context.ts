import type { Command } from 'commander';
import { dns1123LabelViolations } from '@knm/contracts';
import { usageError, type ExitCode } from '../exit-codes';
import type { CliClock, Output } from '../output';
import type { ConfigStore } from '../config/config-store';
import { connect, type Connection } from '../auth/connection';
import type { PromptIO } from '../auth/prompt';
import type { Credentials, FetchFn } from '../http/api-client';
import type { FollowTimings } from '../progress/task-follower';
import type { TaskSocket } from '../progress/task-socket';

/** Everything a command touches outside itself (I/O boundaries), so tests can replace it. */
export interface CliContext {
  out: Output;
  env: NodeJS.ProcessEnv;
  clock: CliClock;
  store: ConfigStore;
  fetchFn: FetchFn;
  prompt: PromptIO;
  openSocket(server: string, credentials: Credentials): TaskSocket;
  followTimings: FollowTimings;
  /** Runs `handler` on Ctrl-C until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** Where the bar draws when KNM_PROGRESS=bar forces it on a stdout that is not a terminal. */
  barStream(): NodeJS.WritableStream;
}

/** Commands report their exit code here (commander actions return nothing). */
export interface ExitHolder {
  code: ExitCode;
}

/** `--server` from the program's global options. */
export const serverFlag = (cmd: Command): string | undefined => (cmd.optsWithGlobals() as { server?: string }).server;

/** Connection for a command: server and credentials from flags, KNM_SERVER/KNM_TOKEN and the config file. */
export const connectFor = (ctx: CliContext, cmd: Command): Connection => connect(serverFlag(cmd), ctx.env, ctx.store, ctx.clock, ctx.fetchFn);

/**
 * The cluster: `-c/--cluster`, else KNM_CLUSTER, else the config's default (`knm config use-cluster`).
 * @throws CliError exit 2 when none is set or the name is not a DNS-1123 label.
 */
export function clusterFor(ctx: CliContext, flag: string | undefined): string {
  const cluster = flag ?? ctx.env.KNM_CLUSTER ?? ctx.store.read().cluster;
  if (!cluster) throw usageError('no cluster: pass -c/--cluster NAME, set KNM_CLUSTER, or run knm config use-cluster NAME');
  const bad = dns1123LabelViolations(cluster);
  if (bad.length > 0) throw usageError(`invalid cluster name "${cluster}": ${bad.join('; ')}`);
  return cluster;
}

/** Wraps an async action so its exit code lands in `exit`. */
export function action<A extends unknown[]>(exit: ExitHolder, fn: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    exit.code = await fn(...args);
  };
}
