import { Injectable } from '@nestjs/common';
import {
  createTaskRequestSchema,
  ErrorCode,
  parseWith,
  TASK_MAX_NODES,
  TaskResponse,
  TERMINAL_TASK_STATUSES,
  ValidCreateTaskRequest,
} from '@knm/contracts';
import { AppConfig, Clock, DomainError, RandomSource, ValidationError } from '@knm/common';
import { ClusterClientProvider } from '@knm/cluster';
import { ProgressService } from '@knm/progress';
import { NodeIndex } from '@knm/smart-cache';
import { NodeOperationRegistry } from './node-operation.registry';
import { TaskExecutor } from './task-executor';

/**
 * Batch tasks: create (validate, resolve targets, claim, persist, execute), cancel, retry
 * (ARCHITECTURE.md section 3).
 */
@Injectable()
export class BatchService {
  constructor(
    private readonly registry: NodeOperationRegistry,
    private readonly progress: ProgressService,
    private readonly executor: TaskExecutor,
    private readonly clusters: ClusterClientProvider,
    private readonly nodeIndex: NodeIndex,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  /**
   * `POST /clusters/:cluster/tasks` with a body the edge validated (contracts createTaskRequestSchema).
   * Checks `concurrency` against KNM_CLUSTER_MAX_CONCURRENCY (400 VALIDATION_FAILED), then
   * CLUSTER_NOT_FOUND (404), resolves targets against the node cache (404 NODE_NOT_FOUND naming
   * the missing nodes; a selector matching nothing is 400; INVALID_SELECTOR 400; a cache not
   * synced yet is 422 CLUSTER_UNREACHABLE), claims the nodes unless dry run (409 NODE_CLAIMED),
   * persists the task and starts executing it here. Resolves the created task (202).
   */
  async createTask(cluster: string, req: ValidCreateTaskRequest, actor: string, retryOf: string | null = null): Promise<TaskResponse> {
    const max = this.config.clusterMaxConcurrency;
    if (req.concurrency !== undefined && req.concurrency > max) {
      throw new ValidationError([{ field: 'concurrency', rule: `must be a whole number from 1 to ${max} (KNM_CLUSTER_MAX_CONCURRENCY)` }]);
    }
    if (!this.registry.get(req.kind)) throw new ValidationError([{ field: 'kind', rule: `must be one of ${this.registry.kinds().join(', ')}` }]);
    await this.clusters.clientsFor(cluster);
    const nodes = this.resolveTargets(cluster, req);
    const id = this.random.uuid();
    const now = new Date(this.clock.now());
    this.executor.reserve(id);
    try {
      const task = await this.progress.createTask(
        {
          id, cluster, kind: req.kind, params: req.params ?? {}, selector: req.selector ?? null, dryRun: req.dryRun ?? false,
          concurrency: req.concurrency ?? this.config.taskDefaultConcurrency, createdBy: actor, retryOf, nodes,
          owner: this.config.replicaId, createdAt: now, deadlineAt: new Date(now.getTime() + this.config.taskDeadlineMs),
        },
        !(req.dryRun ?? false),
      );
      this.executor.start(id);
      return task;
    } catch (err) {
      this.executor.unreserve(id);
      throw err;
    }
  }

  /** Target node names, in request order (names) or sorted by name (selector). */
  private resolveTargets(cluster: string, req: ValidCreateTaskRequest): string[] {
    if (!this.nodeIndex.isSynced(cluster)) {
      throw new DomainError(ErrorCode.ClusterUnreachable, `the node cache of cluster ${cluster} is not synced yet; retry shortly`, { cluster });
    }
    if (req.nodes) {
      const missing = req.nodes.filter((n) => !this.nodeIndex.get(cluster, n));
      if (missing.length > 0) {
        throw new DomainError(ErrorCode.NodeNotFound, `nodes not found in cluster ${cluster}: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`, { cluster, nodes: missing });
      }
      return req.nodes;
    }
    const matched = this.nodeIndex.select(cluster, req.selector!);
    if (matched.length === 0) throw new ValidationError([{ field: 'selector', rule: 'matches no node' }]);
    if (matched.length > TASK_MAX_NODES) throw new ValidationError([{ field: 'selector', rule: `matches ${matched.length} nodes, more than ${TASK_MAX_NODES}` }]);
    return matched;
  }

  /**
   * `POST /tasks/:id/cancel`: persists the cancel (no node starts after it), lets running node
   * operations finish; the task then ends `cancelled`. Throws TASK_NOT_FOUND, TASK_NOT_CANCELLABLE.
   */
  async cancelTask(taskId: string): Promise<TaskResponse> {
    const task = await this.progress.requestCancel(taskId);
    this.executor.cancelRequested(taskId);
    return task;
  }

  /**
   * `POST /tasks/:id/retry`: a new task (retryOf = id) for the failed and cancelled nodes of an
   * ended task, same kind, params, concurrency and dry-run flag. Throws TASK_NOT_FOUND, and
   * TASK_NOT_RETRYABLE when the task has not ended or has no failed or cancelled node.
   */
  async retryTask(taskId: string, actor: string): Promise<TaskResponse> {
    const task = await this.progress.getTask(taskId);
    if (!TERMINAL_TASK_STATUSES.includes(task.status)) {
      throw new DomainError(ErrorCode.TaskNotRetryable, `task ${taskId} has not ended (${task.status})`, { taskId, status: task.status });
    }
    const nodes = (task.nodes ?? []).filter((n) => n.status === 'failed' || n.status === 'cancelled').map((n) => n.node);
    if (nodes.length === 0) {
      throw new DomainError(ErrorCode.TaskNotRetryable, `task ${taskId} has no failed or cancelled node`, { taskId });
    }
    // Stored params were valid when the task was created; parsing them again keeps the rules in one place.
    const parsed = parseWith(createTaskRequestSchema, { kind: task.kind, params: task.params, nodes, concurrency: task.concurrency, dryRun: task.dryRun });
    if (!parsed.ok) throw new ValidationError(parsed.violations);
    return this.createTask(task.cluster, parsed.value, actor, taskId);
  }
}
