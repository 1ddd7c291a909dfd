import { inject, signal } from '@angular/core';
import { MatDialogRef } from '@angular/material/dialog';
import { ApiRoutes, type CreateTaskRequest, type TaskKind, type TaskParamsByKind, type TaskResponse } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import type { ActionOutcome, NodeBatchContext } from '../../../core/plugins/plugin.types';
import { batchTarget } from './batch-target';

/**
 * Creates the task of a batch dialog (`POST clusters/:cluster/tasks`) against the dialog's target
 * (node names or selector) and closes the dialog with the task id. On failure the dialog stays
 * open and `error` holds the {@link ApiError} (its violations name the fields). Construct it in a
 * dialog's field initializer (it injects the dialog ref).
 */
export class BatchTaskSubmitter {
  private readonly api = inject(ApiClient);
  private readonly ref = inject<MatDialogRef<unknown, ActionOutcome>>(MatDialogRef);

  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** The last submit was a dry run (for the button's progress text). */
  readonly dryRun = signal(false);

  constructor(private readonly context: NodeBatchContext) {}

  /** Submits; resolves with the error (dialog kept open) or null once the dialog closed with the task. */
  async submit<K extends TaskKind>(kind: K, params: TaskParamsByKind[K], dryRun: boolean): Promise<ApiError | null> {
    if (this.busy()) return null;
    const request: CreateTaskRequest<K> = { kind, params, ...batchTarget(this.context), ...(dryRun ? { dryRun } : {}) };
    this.busy.set(true);
    this.dryRun.set(dryRun);
    this.error.set(null);
    try {
      const task = await this.api.post<TaskResponse>(ApiRoutes.clusterTasks(this.context.cluster), request);
      this.ref.close({ taskId: task.id });
      return null;
    } catch (err) {
      const error = toApiError(err);
      this.error.set(error);
      return error;
    } finally {
      this.busy.set(false);
    }
  }
}
