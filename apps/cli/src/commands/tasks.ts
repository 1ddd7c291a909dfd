import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { ApiRoutes, TERMINAL_TASK_STATUSES, type TaskListQuery, type TaskListResponse, type TaskResponse } from '@knm/contracts';
import { CliError, ExitCode } from '../exit-codes';
import { parseIntFlag } from '../args/numbers';
import { withQuery, type QueryValue } from '../http/api-client';
import { PendingRoutes } from '../http/pending-routes';
import { structured } from '../format/printers';
import { exitCodeForTask, taskDetail, taskTable } from '../format/task-format';
import { action, connectFor, type CliContext, type ExitHolder } from './context';
import { followTask } from './run-task';

type Structured = 'json' | 'yaml';
const outputOption = () => new Option('-o, --output <format>', 'output format').choices(['json', 'yaml']);
const PAGE = 200;

interface ListFlags {
  cluster?: string;
  status?: string;
  kind?: string;
  from?: string;
  to?: string;
  limit: string;
  output?: Structured;
}

type ExportFlags = Omit<ListFlags, 'output' | 'limit'> & { format: 'csv' | 'jsonl'; output?: string };

/** Query values from a typed TaskListQuery, so parameter names follow libs/contracts. */
const taskQuery = (q: TaskListQuery): Record<string, QueryValue> => ({ ...q });

/** Filters as the API reads them; the server validates values (a bad one is a 400 naming it, exit 2). */
const filters = (f: Omit<ListFlags, 'output' | 'limit'>) => ({ cluster: f.cluster, status: f.status, kind: f.kind, from: f.from, to: f.to }) as TaskListQuery;

/** `knm tasks ls`: newest first, up to --limit tasks (pages of 200). */
async function listTasks(ctx: CliContext, cmd: Command, flags: ListFlags): Promise<ExitCode> {
  const limit = parseIntFlag('--limit', flags.limit, 1);
  const api = connectFor(ctx, cmd).api;
  const tasks: TaskResponse[] = [];
  for (let page = 1; tasks.length < limit; page++) {
    const res = await api.get<TaskListResponse>(ApiRoutes.tasks(), taskQuery({ ...filters(flags), page, limit: PAGE }));
    tasks.push(...res.items.slice(0, limit - tasks.length));
    if (res.items.length < PAGE || page * PAGE >= res.total) break;
  }
  if (flags.output) ctx.out.write(structured(flags.output, { items: tasks }));
  else if (tasks.length === 0) ctx.out.stderr.write('No tasks found\n');
  else for (const line of taskTable(tasks, ctx.clock.now())) ctx.out.print(line);
  return ExitCode.Ok;
}

/** `knm tasks get ID [--wait]`: the task with per-node results; --wait follows it first (exit code by its outcome). */
async function getTask(ctx: CliContext, cmd: Command, id: string, flags: { wait?: boolean; output?: Structured }): Promise<ExitCode> {
  const conn = connectFor(ctx, cmd);
  const task = await conn.api.get<TaskResponse>(ApiRoutes.task(id));
  if (flags.wait && !TERMINAL_TASK_STATUSES.includes(task.status)) return followTask(ctx, conn, task, flags.output);
  if (flags.output) ctx.out.write(structured(flags.output, task));
  else for (const line of taskDetail(task, ctx.clock.now())) ctx.out.print(line);
  return flags.wait ? exitCodeForTask(task) : ExitCode.Ok;
}

async function cancelTask(ctx: CliContext, cmd: Command, id: string, flags: { wait?: boolean; output?: Structured }): Promise<ExitCode> {
  const conn = connectFor(ctx, cmd);
  const task = await conn.api.post<TaskResponse>(ApiRoutes.taskCancel(id));
  if (flags.wait) {
    await followTask(ctx, conn, task, flags.output);
    return ExitCode.Ok;
  }
  if (flags.output) ctx.out.write(structured(flags.output, task));
  else ctx.out.print(`task ${id}: cancel requested (running node operations finish; the rest are cancelled)`);
  return ExitCode.Ok;
}

async function retryTask(ctx: CliContext, cmd: Command, id: string, flags: { wait?: boolean; output?: Structured }): Promise<ExitCode> {
  const conn = connectFor(ctx, cmd);
  const task = await conn.api.post<TaskResponse>(ApiRoutes.taskRetry(id));
  ctx.out.notice(`task ${task.id} created: retry of ${id}, ${task.kind} on ${task.counts.total} nodes of cluster ${task.cluster}`);
  if (flags.wait) return followTask(ctx, conn, task, flags.output);
  if (flags.output) ctx.out.write(structured(flags.output, task));
  else ctx.out.print(task.id);
  return ExitCode.Ok;
}

/**
 * `knm tasks export`: streams `GET /tasks/export?format=` to --output FILE (written to FILE.partial,
 * renamed when complete, removed on failure) or stdout. Any refusal is the server's answer (exit by status).
 */
async function exportTasks(ctx: CliContext, cmd: Command, flags: ExportFlags): Promise<ExitCode> {
  const api = connectFor(ctx, cmd).api;
  const res = await api.stream(withQuery(PendingRoutes.tasksExport(), { format: flags.format, ...taskQuery(filters(flags)) }));
  if (!res.body) throw new CliError('the server answered the export without a body', ExitCode.Failed);
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  const file = flags.output;
  if (!file) {
    for await (const chunk of body) ctx.out.write(Buffer.from(chunk as Uint8Array).toString('utf8'));
    return ExitCode.Ok;
  }
  const partial = `${file}.partial`;
  try {
    await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw new CliError(`export to ${file} failed: ${(err as Error).message}`, ExitCode.Unreachable);
  }
  ctx.out.notice(`exported tasks to ${file}`);
  return ExitCode.Ok;
}

function filterOptions(cmd: Command): Command {
  return cmd
    .option('-c, --cluster <name>', 'only tasks of this cluster')
    .option('--status <status>', 'pending, running, succeeded, failed or cancelled')
    .option('--kind <kind>', 'task kind (label, taint, cordon, uncordon, ...)')
    .option('--from <time>', 'created at or after (RFC 3339)')
    .option('--to <time>', 'created before (RFC 3339)');
}

/** Registers `tasks ls|get|cancel|retry|export`. */
export function registerTaskCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  const tasks = program.command('tasks').alias('task').description('task history, progress, cancel, retry, export');
  filterOptions(tasks.command('ls').alias('list').description('list tasks, newest first'))
    .option('--limit <n>', 'most tasks to list', '50')
    .addOption(outputOption())
    .action(action(exit, (flags: ListFlags, cmd: Command) => listTasks(ctx, cmd, flags)));
  tasks
    .command('get')
    .argument('<id>', 'task id')
    .description('show a task and its per-node results')
    .option('--wait', 'follow the task to its end first (exit code: 0 succeeded, 1 failed or cancelled)')
    .addOption(outputOption())
    .action(action(exit, (id: string, flags: { wait?: boolean; output?: Structured }, cmd: Command) => getTask(ctx, cmd, id, flags)));
  tasks
    .command('cancel')
    .argument('<id>', 'task id')
    .description('stop starting nodes; running node operations finish')
    .option('--wait', 'follow the task until it has ended')
    .addOption(outputOption())
    .action(action(exit, (id: string, flags: { wait?: boolean; output?: Structured }, cmd: Command) => cancelTask(ctx, cmd, id, flags)));
  tasks
    .command('retry')
    .argument('<id>', 'id of an ended task')
    .description('run a new task for the failed and cancelled nodes of an ended task')
    .option('--wait', 'follow the new task (exit code: 0 succeeded, 1 failed or cancelled)')
    .addOption(outputOption())
    .action(action(exit, (id: string, flags: { wait?: boolean; output?: Structured }, cmd: Command) => retryTask(ctx, cmd, id, flags)));
  filterOptions(tasks.command('export').description('export the task history (streamed by the server)'))
    .addOption(new Option('--format <format>', 'export format').choices(['csv', 'jsonl']).default('csv'))
    .option('--output <file>', 'write to this file (mode 0600) instead of stdout')
    .action(action(exit, (flags: ExportFlags, cmd: Command) => exportTasks(ctx, cmd, flags)));
}
