import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ApiRoutes, type TaskResponse } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { PLUGIN_REGISTRY } from '../../core/plugins/plugin-registry.provider';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { TaskProgressPanelComponent } from '../../shared/task-progress/task-progress-panel.component';
import { TASK_STATUS_TEXT } from './task-list-query';
import { taskParamsText, taskTargetText } from './task-text';

/**
 * One task (`/tasks/:id`): what it was asked to do (cluster, kind, params, target, dry run, who,
 * when) and the progress panel with every node's result, live while it runs, with cancel and
 * "retry failed". The metadata is re-read when the panel reports the terminal event.
 */
@Component({
  selector: 'knm-task-detail-page',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, RouterLink, ApiErrorPanelComponent, TaskProgressPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-header">
      <a mat-icon-button routerLink="/tasks" matTooltip="All tasks" data-testid="task-detail-back"><mat-icon svgIcon="back" /></a>
      <h1>Task</h1>
      <code class="id">{{ id() }}</code>
    </div>
    <knm-api-error-panel [error]="error()" />
    @if (task(); as t) {
      <table class="knm-detail-table meta" data-testid="task-detail-meta">
        <tbody>
          <tr><th>Cluster</th><td>
            @if (clusterLink(); as link) { <a [routerLink]="link" data-testid="task-detail-cluster">{{ t.cluster }}</a> } @else { {{ t.cluster }} }
          </td></tr>
          <tr><th>Kind</th><td data-testid="task-detail-kind">{{ t.kind }}{{ t.dryRun ? ' (dry run: nothing is changed)' : '' }}</td></tr>
          <tr><th>Status</th><td data-testid="task-detail-status">{{ statusText[t.status] }}</td></tr>
          <tr><th>Parameters</th><td><code data-testid="task-detail-params">{{ paramsText(t.kind, t.params) }}</code></td></tr>
          <tr><th>Target</th><td>{{ targetText(t) }}</td></tr>
          <tr><th>Created by</th><td>{{ t.createdBy }}</td></tr>
          <tr><th>Created</th><td>{{ t.createdAt }}</td></tr>
          <tr><th>Started</th><td>{{ t.startedAt ?? '—' }}</td></tr>
          <tr><th>Finished</th><td>{{ t.finishedAt ?? '—' }}</td></tr>
          @if (t.retryOf) {
            <tr><th>Retry of</th><td><a [routerLink]="['/tasks', t.retryOf]">{{ t.retryOf }}</a></td></tr>
          }
        </tbody>
      </table>
    }
    @if (id()) {
      <knm-task-progress-panel
        class="panel"
        [taskId]="id()"
        (closed)="back()"
        (finished)="reload()"
        (retried)="openTask($event)"
      />
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 12px; }
    .page-header { display: flex; align-items: center; gap: 8px; }
    .page-header h1 { margin: 0; }
    .id { color: var(--mat-sys-on-surface-variant); }
    .meta { max-width: 900px; }
    .meta th { width: 140px; }
    .panel { --knm-task-nodes-max-height: none; }
  `,
})
export class TaskDetailPageComponent {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly registry = inject(PLUGIN_REGISTRY);
  private readonly params = toSignal(inject(ActivatedRoute).paramMap, { requireSync: true });
  protected readonly id = computed(() => this.params().get('id') ?? '');
  protected readonly task = signal<TaskResponse | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly statusText = TASK_STATUS_TEXT;
  protected readonly targetText = taskTargetText;
  protected readonly paramsText = taskParamsText;
  protected readonly clusterLink = computed(() => {
    const t = this.task();
    return t ? this.registry.path('nodes.list', { cluster: t.cluster }) : null;
  });

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.reload());
    });
  }

  protected reload(): void {
    const id = this.id();
    this.api.get<TaskResponse>(ApiRoutes.task(id)).then(
      (task) => {
        if (id !== this.id()) return;
        this.task.set(task);
        this.error.set(null);
      },
      (err: unknown) => this.error.set(toApiError(err)),
    );
  }

  protected back(): void {
    void this.router.navigate(['/tasks']);
  }

  protected openTask(task: TaskResponse): void {
    void this.router.navigate(['/tasks', task.id]);
  }
}
