import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@knm/common';
import { TaskOwnershipRepository } from './task-ownership.repository';

/** The executor's side of task ownership (implemented by the batch library's executor). */
export interface TaskExecutionHost {
  /** Ids of the tasks this process is executing now. */
  runningTaskIds(): string[];
  /** Starts executing a task this replica has just taken over (or owns from a previous run). */
  resume(taskId: string): void;
  /** This replica no longer owns the task: stop it without writing anything more. */
  ownershipLost(taskId: string): void;
  /** A cancel of the task was persisted (possibly by another replica). */
  cancelRequested(taskId: string): void;
}

/**
 * Heartbeats the tasks this replica executes and takes over orphaned ones (owner gone, heartbeat
 * older than AppConfig.taskTakeoverAfterMs), at start-up and every AppConfig.taskHeartbeatMs.
 * The takeover is an atomic compare-and-set on owner and heartbeat age, so of several replicas
 * exactly one resumes a task (ARCHITECTURE.md section 3).
 */
@Injectable()
export class TaskOwnershipService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TaskOwnership');
  private host: TaskExecutionHost | null = null;
  private timer: NodeJS.Timeout | null = null;
  private tickInFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly repo: TaskOwnershipRepository,
    private readonly config: AppConfig,
  ) {}

  /** Registers the executor (once, by the batch library). */
  registerHost(host: TaskExecutionHost): void {
    this.host = host;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tickInFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tickInFlight = this.tick().finally(() => {
        this.tickInFlight = null;
        this.schedule(this.config.taskHeartbeatMs);
      });
    }, ms);
    this.timer.unref();
  }

  /** One round: heartbeat own tasks, then take over orphans. Errors are logged; the next round retries. */
  async tick(): Promise<void> {
    const host = this.host;
    if (!host) return;
    try {
      await this.heartbeat(host);
      await this.takeOverOrphans(host);
    } catch (err) {
      this.logger.warn(`task ownership round failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async heartbeat(host: TaskExecutionHost): Promise<void> {
    const ids = host.runningTaskIds();
    if (ids.length === 0) return;
    const { owned } = await this.repo.heartbeat(this.config.replicaId, ids);
    for (const id of ids) {
      const state = owned.get(id);
      if (!state) host.ownershipLost(id);
      else if (state.cancelRequestedAt) host.cancelRequested(id);
    }
  }

  private async takeOverOrphans(host: TaskExecutionHost): Promise<void> {
    const me = this.config.replicaId;
    const candidates = await this.repo.findOrphans(me, this.config.taskTakeoverAfterMs);
    // Read the local set after the query: a task created meanwhile is registered before it is inserted.
    const local = new Set(host.runningTaskIds());
    const orphans = candidates.filter((id) => !local.has(id));
    for (const id of orphans) {
      if (this.stopped) return;
      if (await this.repo.takeOver(id, me, this.config.taskTakeoverAfterMs)) {
        this.logger.log(`took over task ${id}`);
        host.resume(id);
      }
    }
  }
}
