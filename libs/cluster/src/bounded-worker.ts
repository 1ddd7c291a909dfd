import { Worker } from 'node:worker_threads';

/** Why a job did not produce a result. */
export class WorkerJobError extends Error {
  constructor(
    readonly reason: 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

export interface BoundedWorkerOptions {
  /** Heap ceiling of the worker, MB (Worker resourceLimits.maxOldGenerationSizeMb). */
  maxHeapMb: number;
  /** Stack of the worker, MB. */
  stackMb: number;
}

interface Job {
  id: number;
  input: unknown;
  resolve(output: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Runs jobs one at a time in a long-lived worker thread, so CPU-heavy work on untrusted input
 * (parsing) never blocks the event loop. Each job has a deadline counted from when it is queued:
 * a queued job past it is dropped, a running one terminates the worker (a new one starts for the
 * next job). A worker that dies (out of memory, crash) fails its job. The script answers each
 * `{id, input}` message with `{id, output}`.
 */
export class BoundedWorker {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: string,
    private readonly options: BoundedWorkerOptions,
  ) {}

  /**
   * Runs one job. @throws WorkerJobError `timeout` after `timeoutMs` (queued time included),
   * `crashed` when the worker died; Error after {@link close}.
   */
  run(input: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('worker closed'));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, input, resolve, reject, timer: setTimeout(() => this.expire(job, timeoutMs), timeoutMs) };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Terminates the worker and fails every pending job. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new Error('worker closed'));
    if (this.running) this.settle(this.running, new Error('worker closed'));
    this.running = null;
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.ensureWorker().postMessage({ id: job.id, input: job.input });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, stackSizeMb: this.options.stackMb },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    worker.on('message', (msg: { id: number; output: unknown }) => {
      const job = this.running;
      if (!job || job.id !== msg.id) return;
      this.running = null;
      this.settle(job, null, msg.output);
      this.pump();
    });
    // A worker's own output could echo its input: it is never passed on.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('error', () => this.lose(worker, 'the worker failed (out of memory?)'));
    worker.on('exit', () => this.lose(worker, 'the worker exited'));
    this.worker = worker;
    return worker;
  }

  private lose(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const job = this.running;
    this.running = null;
    if (job) this.settle(job, new WorkerJobError('crashed', why));
    this.pump();
  }

  private expire(job: Job, timeoutMs: number): void {
    const err = new WorkerJobError('timeout', `no result within ${timeoutMs} ms`);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, err);
      return;
    }
    if (this.running !== job) return;
    this.running = null;
    this.settle(job, err);
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    this.pump();
  }

  private settle(job: Job, err: Error | null, output?: unknown): void {
    clearTimeout(job.timer);
    if (err) job.reject(err);
    else job.resolve(output);
  }
}
