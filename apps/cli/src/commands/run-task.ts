import { ApiRoutes, type CreateTaskRequest, type TaskKind, type TaskResponse } from '@knm/contracts';
import { ExitCode } from '../exit-codes';
import type { Connection } from '../auth/connection';
import type { DrainParams } from '../args/drain-args';
import { ApiRequestError } from '../http/api-error';
import { structured } from '../format/printers';
import { exitCodeForTask, taskSummary } from '../format/task-format';
import { createView, progressMode } from '../progress/progress-view';
import { TaskFollower } from '../progress/task-follower';
import type { CliContext } from './context';

/** `drain` until libs/contracts has the kind (another branch adds it with its DrainParams). */
export type DrainTaskRequest = Omit<CreateTaskRequest, 'kind' | 'params'> & { kind: 'drain'; params: DrainParams };
/** A create-task body discriminated by `kind` (each kind with its own params). */
export type TaskRequestBody = { [K in TaskKind]: CreateTaskRequest<K> }[TaskKind] | DrainTaskRequest;

/** How a command shows a task: wait for its end or not, and `-o json|yaml` for the final task. */
export interface TaskDisplay {
  wait: boolean;
  output?: 'json' | 'yaml';
}

/**
 * `POST /clusters/:cluster/tasks`, then (unless `--no-wait`) follows it to the end.
 * A 400 naming `kind` gets a hint that the server does not offer that kind (e.g. drain, today).
 */
export async function createAndFollow(ctx: CliContext, conn: Connection, cluster: string, body: TaskRequestBody, display: TaskDisplay): Promise<ExitCode> {
  let task: TaskResponse;
  try {
    task = await conn.api.post<TaskResponse>(ApiRoutes.clusterTasks(cluster), body);
  } catch (err) {
    if (err instanceof ApiRequestError && err.failure.violations.some((v) => v.field === 'kind')) {
      throw new ApiRequestError(err.failure, `the server at ${conn.server} does not offer task kind "${body.kind}"`);
    }
    throw err;
  }
  ctx.out.notice(`task ${task.id} created: ${task.kind}${task.dryRun ? ' (server dry run)' : ''} on ${task.counts.total} node${task.counts.total === 1 ? '' : 's'} of cluster ${cluster}`);
  if (!display.wait) {
    if (display.output) ctx.out.write(structured(display.output, task));
    else ctx.out.print(task.id);
    return ExitCode.Ok;
  }
  return followTask(ctx, conn, task, display.output);
}

/**
 * Follows a task to its end with a bar, lines or nothing (see progressMode), then prints the
 * per-node summary (or the final task for `-o json|yaml`) and returns its exit code
 * (0 succeeded, 1 failed/cancelled). Ctrl-C stops following (exit 130); the task goes on.
 */
export async function followTask(ctx: CliContext, conn: Connection, task: TaskResponse, output?: 'json' | 'yaml'): Promise<ExitCode> {
  const mode = progressMode(output !== undefined, ctx.env, ctx.out.stdout.isTTY === true);
  const view = createView(mode, ctx.out, ctx.barStream());
  const socket = ctx.openSocket(conn.server, conn.credentials);
  const follower = new TaskFollower(conn.api, socket, task.id, view, ctx.clock, ctx.followTimings);
  view.start(task);
  let interrupted: () => void = () => undefined;
  const stopOnInterrupt = ctx.onInterrupt(() => interrupted());
  try {
    const outcome = await Promise.race([
      follower.follow().then(() => 'ended' as const),
      new Promise<'interrupted'>((resolve) => (interrupted = () => resolve('interrupted'))),
    ]);
    view.stop();
    if (outcome === 'interrupted') {
      follower.stop();
      ctx.out.notice(`stopped following; task ${task.id} goes on on the server (knm tasks get ${task.id} --wait, knm tasks cancel ${task.id})`);
      return ExitCode.Interrupted;
    }
  } catch (err) {
    view.stop();
    throw err;
  } finally {
    stopOnInterrupt();
  }
  const final = await conn.api.get<TaskResponse>(ApiRoutes.task(task.id));
  if (output) ctx.out.write(structured(output, final));
  else for (const line of taskSummary(final)) ctx.out.print(line);
  return exitCodeForTask(final);
}
