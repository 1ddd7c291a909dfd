import { DestroyRef, Injectable, inject } from '@angular/core';
import { ApiRoutes, TERMINAL_TASK_STATUSES, type TaskListResponse, type TaskResponse } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { ServerPagedList } from '../../shared/table/server-paged-list';
import { TASK_LIST_LIMIT, toTaskListQuery, type TaskListView } from './task-list-query';

/** While a listed task is not finished, the page is re-read this often (ms). */
const REFRESH_WHILE_RUNNING_MS = 5_000;

/**
 * One page of the task history (`GET /tasks`, newest first). While any listed task is pending or
 * running, the page is re-read every few seconds so statuses and counts move; a finished page is
 * not polled.
 */
@Injectable()
export class TaskListStore extends ServerPagedList<TaskResponse, TaskListResponse> {
  private readonly api = inject(ApiClient);
  private view: TaskListView = { cluster: '', kind: null, status: null, from: null, to: null, page: 1, limit: TASK_LIST_LIMIT };
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    inject(DestroyRef).onDestroy(() => this.stopTimer());
  }

  async show(view: TaskListView): Promise<void> {
    this.view = view;
    this.page.set(view.page);
    this.limit.set(view.limit);
    await this.reload();
  }

  override async reload(): Promise<void> {
    this.stopTimer();
    await super.reload();
    const open = this.items().some((t) => !TERMINAL_TASK_STATUSES.includes(t.status));
    if (open && !this.timer) this.timer = setTimeout(() => void this.reload(), REFRESH_WHILE_RUNNING_MS);
  }

  protected fetchPage(page: number, limit: number): Promise<TaskListResponse> {
    return this.api.get<TaskListResponse>(ApiRoutes.tasks(), { ...toTaskListQuery({ ...this.view, page, limit }) });
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
