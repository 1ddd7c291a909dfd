import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import pLimit, { LimitFunction } from 'p-limit';
import { TERMINAL_TASK_STATUSES } from '@knm/contracts';
import { AppConfig, Clock, RandomSource } from '@knm/common';
import { ClusterClientProvider } from '@knm/cluster';
import { ExecutableTask, ProgressService, TaskExecutionHost, TaskOwnershipService, TaskRecorder } from '@knm/progress';
import { NodeIndex } from '@knm/smart-cache';
import { CoreV1NodeApi, NodeApi } from './node-api';
import { NodeOperationRegistry } from './node-operation.registry';
import { NodeRunEnv, runNode, TaskControl } from './node-runner';

/** How long a shutdown waits for in-flight node operations, ms. */
const SHUTDOWN_GRACE_MS = 10_000;

interface LocalTask {
  control: TaskControl;
  done: Promise<void>;
}

/**
 * Executes tasks on this replica: bounded concurrency per task (the task's `concurrency`) under
 * a per-cluster ceiling across its tasks (AppConfig.clusterMaxConcurrency), every node through
 * {@link runNode}, then the end events. Registered with {@link TaskOwnershipService}: heartbeats
 * its tasks, resumes those it takes over, stops those it loses, learns of remote cancels.
 */
@Injectable()
export class TaskExecutor implements TaskExecutionHost, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TaskExecutor');
  private readonly local = new Map<string, LocalTask | null>();
  private readonly clusterLimits = new Map<string, LimitFunction>();
  private shuttingDown = false;

  constructor(
    private readonly progress: ProgressService,
    private readonly ownership: TaskOwnershipService,
    private readonly registry: NodeOperationRegistry,
    private readonly clusters: ClusterClientProvider,
    private readonly nodeIndex: NodeIndex,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  onModuleInit(): void {
    this.ownership.registerHost(this);
  }

  async onModuleDestroy(): Promise<void> {
    this.shuttingDown = true;
    const tasks = [...this.local.values()].filter((t): t is LocalTask => t !== null);
    for (const t of tasks) this.stopTask(t, 'shutdown');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([Promise.all(tasks.map((t) => t.done)), grace]);
    clearTimeout(timer);
  }

  /** Marks `taskId` as executed here before its row exists, so the takeover scan never claims it twice. */
  reserve(taskId: string): void {
    this.local.set(taskId, null);
  }

  /** Drops a reservation whose task was never created. */
  unreserve(taskId: string): void {
    if (this.local.get(taskId) === null) this.local.delete(taskId);
  }

  /** Starts executing a task this replica has just created (and reserved). */
  start(taskId: string): void {
    this.launch(taskId, false);
  }

  runningTaskIds(): string[] {
    return [...this.local.keys()];
  }

  resume(taskId: string): void {
    if (this.local.get(taskId)) return;
    this.launch(taskId, true);
  }

  ownershipLost(taskId: string): void {
    const t = this.local.get(taskId);
    if (t) this.stopTask(t, 'lost');
  }

  cancelRequested(taskId: string): void {
    const t = this.local.get(taskId);
    if (t) this.stopTask(t, 'cancel');
  }

  private stopTask(t: LocalTask, reason: TaskControl['stop'] & string): void {
    t.control.stop ??= reason;
    t.control.abort.abort();
  }

  private launch(taskId: string, resumed: boolean): void {
    if (this.shuttingDown) return;
    const control: TaskControl = { stop: null, abort: new AbortController(), deadlineAt: null };
    const entry: LocalTask = { control, done: Promise.resolve() };
    this.local.set(taskId, entry);
    entry.done = this.execute(taskId, control, resumed)
      .catch((err: unknown) => this.logger.error(`task ${taskId} stopped on an error: ${err instanceof Error ? err.stack : String(err)}`))
      .finally(() => this.local.delete(taskId));
  }

  private async execute(taskId: string, control: TaskControl, resumed: boolean): Promise<void> {
    const exec = await this.progress.loadForExecution(taskId);
    if (TERMINAL_TASK_STATUSES.includes(exec.task.status)) return;
    Object.assign(control, { deadlineAt: exec.deadlineAt });
    if (exec.cancelRequested) control.stop = 'cancel';
    const recorder = this.progress.recorder(taskId, this.config.replicaId);
    const resumeReason = resumed ? { reason: `resumed by ${this.config.replicaId}` } : null;
    if (!(await recorder.started(resumeReason))) return;
    const api = await this.nodeApiFor(exec, recorder);
    if (!api) return;
    const env = this.runEnv(exec, recorder, control, api);
    const limit = pLimit(exec.task.concurrency);
    const outcomes = await Promise.all(exec.remainingNodes.map((node) => limit(() => runNode(node, env))));
    await Promise.all(env.pendingWrites);
    const notStarted = exec.remainingNodes.filter((_, i) => outcomes[i] === 'not-started');
    await this.finish(recorder, control, notStarted);
  }

  /** The cluster's node API; a cluster that vanished fails the task. */
  private async nodeApiFor(exec: ExecutableTask, recorder: TaskRecorder): Promise<NodeApi | null> {
    try {
      return new CoreV1NodeApi((await this.clusters.clientsFor(exec.task.cluster)).core);
    } catch (err) {
      const reason = `cluster ${exec.task.cluster} unavailable: ${err instanceof Error ? err.message : String(err)}`;
      await Promise.all(exec.remainingNodes.map((n) => recorder.nodeCancelled(n, reason, false)));
      await recorder.finished('failed', reason);
      return null;
    }
  }

  private runEnv(exec: ExecutableTask, recorder: TaskRecorder, control: TaskControl, api: NodeApi): NodeRunEnv {
    const { task } = exec;
    const operation = this.registry.get(task.kind);
    if (!operation) throw new Error(`no operation registered for kind ${task.kind}`);
    return {
      recorder,
      operation,
      params: task.params,
      control,
      context: (node) => ({
        api,
        node,
        dryRun: task.dryRun,
        cached: this.nodeIndex.get(task.cluster, node),
        actor: task.createdBy,
        now: new Date(this.clock.now()),
      }),
      clusterLimit: this.clusterLimit(task.cluster),
      maxAttempts: this.config.taskMaxAttempts,
      clock: this.clock,
      random: this.random,
      pendingWrites: [],
    };
  }

  private clusterLimit(cluster: string): LimitFunction {
    let limit = this.clusterLimits.get(cluster);
    if (!limit) this.clusterLimits.set(cluster, (limit = pLimit(this.config.clusterMaxConcurrency)));
    return limit;
  }

  /** Cancels never-started nodes of a stopped task and writes the terminal event. */
  private async finish(recorder: TaskRecorder, control: TaskControl, notStarted: string[]): Promise<void> {
    const stop = control.stop;
    if (stop === 'lost' || stop === 'shutdown') return;
    if (stop === 'cancel' || stop === 'deadline') {
      const reason = stop === 'cancel' ? 'task cancelled' : 'task deadline reached';
      const written = await Promise.all(notStarted.map((n) => recorder.nodeCancelled(n, reason, false)));
      if (written.includes(false)) return;
      await recorder.finished(stop === 'cancel' ? 'cancelled' : 'failed', stop === 'deadline' ? reason : undefined);
      return;
    }
    const failed = recorder.lastCounts?.failed ?? 0;
    await recorder.finished(failed > 0 ? 'failed' : 'succeeded');
  }
}
