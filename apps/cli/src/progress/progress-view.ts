import { SingleBar } from 'cli-progress';
import type { TaskCounts, TaskEvent, TaskResponse } from '@knm/contracts';
import type { Output, TextSink } from '../output';
import { doneVerb } from '../format/task-format';

/** How a followed task shows its progress. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Receives the task's events in seq order while it runs. */
export interface ProgressView {
  start(task: TaskResponse): void;
  event(event: TaskEvent): void;
  /** Connection notices (lost, reconnected, REST fallback): always stderr. */
  notice(message: string): void;
  stop(): void;
}

/**
 * The mode for this run: `-o json|yaml` -> none (stdout carries only the final task); else
 * KNM_PROGRESS (`bar`, `lines`, `none`) when set; else a bar when stdout is a terminal, lines
 * otherwise (logs and pipes get one line per node event, no control characters).
 */
export function progressMode(structuredOutput: boolean, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): ProgressMode {
  if (structuredOutput) return 'none';
  const forced = env.KNM_PROGRESS;
  if (forced === 'bar' || forced === 'lines' || forced === 'none') return forced;
  return stdoutIsTTY ? 'bar' : 'lines';
}

const finished = (c: TaskCounts): number => c.succeeded + c.failed + c.skipped + c.cancelled;

/**
 * A stdout that says it is a terminal: KNM_PROGRESS=bar draws the bar with its control sequences
 * even into a pipe (tests capture it; `script`-like recorders replay it).
 */
export function terminalLike(sink: TextSink, columns = 100): NodeJS.WritableStream & { isTTY: true; columns: number } {
  return { isTTY: true, columns, write: (chunk: string) => (sink.write(chunk), true) } as unknown as NodeJS.WritableStream & { isTTY: true; columns: number };
}

/** cli-progress bar on stdout: `label [=====-----] 42% | 42/100 nodes | 40 ok, 2 failed | 3s`. */
export class BarView implements ProgressView {
  private readonly bar: SingleBar;
  constructor(private readonly out: Output, stream: NodeJS.WritableStream) {
    this.bar = new SingleBar({
      stream,
      format: '{kind} [{bar}] {percentage}% | {value}/{total} nodes | {succeeded} ok, {failed} failed | {duration_formatted}',
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      hideCursor: true,
      fps: 10,
    });
  }
  start(task: TaskResponse): void {
    this.bar.start(task.counts.total, finished(task.counts), { kind: task.kind, succeeded: task.counts.succeeded, failed: task.counts.failed });
  }
  event(e: TaskEvent): void {
    this.bar.setTotal(e.counts.total);
    this.bar.update(finished(e.counts), { succeeded: e.counts.succeeded, failed: e.counts.failed });
  }
  notice(message: string): void {
    this.out.stdout.write('\r\x1b[2K');
    this.out.notice(message);
  }
  stop(): void {
    this.bar.stop();
  }
}

/** One line per node event on stdout, kubectl's style (`node/n1 labeled`). */
export class LinesView implements ProgressView {
  private task: TaskResponse | undefined;
  constructor(private readonly out: Output) {}
  start(task: TaskResponse): void {
    this.task = task;
  }
  event(e: TaskEvent): void {
    const line = nodeEventLine(e, this.task);
    if (line) this.out.print(line);
  }
  notice(message: string): void {
    this.out.notice(message);
  }
  stop(): void {}
}

/** Nothing while running (`-o json`); notices still go to stderr. */
export class QuietView implements ProgressView {
  constructor(private readonly out: Output) {}
  start(): void {}
  event(): void {}
  notice(message: string): void {
    this.out.notice(message);
  }
  stop(): void {}
}

/** The line a node event prints in lines mode, or null for events that are not about a node's outcome. */
export function nodeEventLine(e: TaskEvent, task: Pick<TaskResponse, 'kind' | 'dryRun'> | undefined): string | null {
  const node = `node/${e.node ?? '?'}`;
  switch (e.type) {
    case 'node:succeeded':
      return `${node} ${doneVerb(task?.kind ?? '')}${task?.dryRun ? ' (server dry run)' : ''}`;
    case 'node:failed':
      return `${node} failed: ${e.reason ?? 'unknown error'}`;
    case 'node:skipped':
      return `${node} skipped: ${e.reason ?? ''}`;
    case 'node:cancelled':
      return `${node} cancelled`;
    case 'node:retrying':
      return `${node} retrying (attempt ${e.attempt ?? '?'}): ${e.reason ?? ''}`;
    case 'task:cancel-requested':
      return `task ${e.taskId}: cancel requested`;
    default:
      return null;
  }
}

/** The view for a mode. `barStream` is where a bar draws (stdout itself, or {@link terminalLike} when forced). */
export function createView(mode: ProgressMode, out: Output, barStream: NodeJS.WritableStream): ProgressView {
  if (mode === 'bar') return new BarView(out, barStream);
  if (mode === 'lines') return new LinesView(out);
  return new QuietView(out);
}
