import type { LimitFunction } from 'p-limit';
import { backoffDelayMs, BackoffPolicy, Clock, RandomSource } from '@knm/common';
import type { TaskRecorder } from '@knm/progress';
import { classifyApiError } from './api-errors';
import type { NodeOperation, NodeOperationContext } from './operations';

/** Pacing of a node's retries: 0.2 s doubling to 10 s, equal jitter; a Retry-After replaces the base. */
export const NODE_RETRY_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 10_000 };

/** Why a task stops starting nodes. */
export type StopReason = 'cancel' | 'deadline' | 'lost' | 'shutdown';

/** Shared state of one executing task, read by every node of it. */
export interface TaskControl {
  stop: StopReason | null;
  /** Aborted on cancel, loss of ownership or shutdown: wakes nodes waiting to retry. */
  readonly abort: AbortController;
  readonly deadlineAt: Date | null;
}

/** What the node runner needs besides the node. */
export interface NodeRunEnv {
  recorder: TaskRecorder;
  operation: NodeOperation;
  params: unknown;
  control: TaskControl;
  /** Builds the context of one attempt. */
  context: (node: string) => NodeOperationContext;
  /** Per-cluster ceiling on concurrent Kubernetes calls (AppConfig.clusterMaxConcurrency). */
  clusterLimit: LimitFunction;
  maxAttempts: number;
  clock: Clock;
  random: RandomSource;
  /** End writes still committing; the task's terminal event waits for them. */
  pendingWrites: Promise<unknown>[];
}

/** `not-started`: the node was never started (stop, cancel); `ended`: it reached an end state. */
export type NodeOutcome = 'not-started' | 'ended';

function stopFor(env: NodeRunEnv, reason: StopReason): void {
  env.control.stop ??= reason;
  env.control.abort.abort();
}

/**
 * Records an end transition without holding the node's concurrency slot while it commits (the
 * slot bounds Kubernetes calls, not database writes); a refused write means this replica lost
 * the task. The executor awaits `pendingWrites` before the terminal event.
 */
function end(env: NodeRunEnv, write: Promise<boolean>): NodeOutcome {
  env.pendingWrites.push(write.then((ok) => ok || stopFor(env, 'lost')));
  return 'ended';
}

/**
 * Runs one node: `node:started`, then attempts until one succeeds (`node:succeeded`), the node
 * is gone (404 -> `node:skipped`), an error is final or attempts run out (`node:failed`).
 * Retryable failures (409/429/5xx/network) emit `node:retrying` and wait per {@link NODE_RETRY_BACKOFF}
 * (at least the server's Retry-After when it sent one). A cancel while waiting ends the node `node:cancelled`; the task
 * deadline while waiting ends it `node:failed`. Never starts a node once the task is stopping.
 */
export async function runNode(node: string, env: NodeRunEnv): Promise<NodeOutcome> {
  const { control, recorder, clock } = env;
  if (control.deadlineAt && clock.now() >= control.deadlineAt.getTime()) stopFor(env, 'deadline');
  if (control.stop) return 'not-started';
  if (!(await recorder.nodeStarted(node))) {
    stopFor(env, 'cancel'); // refused: a cancel was requested (or the task is no longer ours; the end writes tell)
    return 'not-started';
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const change = await env.clusterLimit(() => env.operation.applyToNode(env.context(node), env.params));
      return end(env, recorder.nodeSucceeded(node, attempt, change));
    } catch (err) {
      const failure = classifyApiError(err, clock.now());
      if (failure.notFound) return end(env, recorder.nodeSkipped(node, attempt, 'node no longer exists'));
      if (!failure.retryable || attempt >= env.maxAttempts) {
        const why = failure.retryable ? `${failure.reason} (gave up after ${attempt} attempts)` : failure.reason;
        return end(env, recorder.nodeFailed(node, attempt, why));
      }
      const outcome = await waitBeforeRetry(node, attempt, failure.reason, failure.retryAfterMs, env);
      if (outcome) return outcome;
    }
  }
}

/** Ends a node that was waiting to retry when its task stopped. */
function endStopped(node: string, attempt: number, reason: string, env: NodeRunEnv): NodeOutcome {
  const { control, recorder } = env;
  if (control.stop === 'cancel') return end(env, recorder.nodeCancelled(node, 'task cancelled while waiting to retry', true));
  if (control.stop === 'deadline') return end(env, recorder.nodeFailed(node, attempt, `${reason} (task deadline reached before the next attempt)`));
  return 'ended'; // lost or shutdown: the next owner resumes the node
}

/** Emits `node:retrying` and waits; resolves an outcome when the node must end instead of retrying. */
async function waitBeforeRetry(node: string, attempt: number, reason: string, retryAfterMs: number | null, env: NodeRunEnv): Promise<NodeOutcome | null> {
  const { control, recorder, clock } = env;
  const delay = backoffDelayMs(NODE_RETRY_BACKOFF, attempt, env.random, retryAfterMs);
  if (control.deadlineAt && clock.now() + delay >= control.deadlineAt.getTime()) {
    return end(env, recorder.nodeFailed(node, attempt, `${reason} (task deadline reached before the next attempt)`));
  }
  if (control.stop) return endStopped(node, attempt, reason, env);
  if (!(await recorder.nodeRetrying(node, attempt + 1, reason))) {
    stopFor(env, 'lost');
    return 'ended';
  }
  try {
    await clock.sleep(delay, control.abort.signal);
  } catch {
    return endStopped(node, attempt, reason, env);
  }
  return null;
}
