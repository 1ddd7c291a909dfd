import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiRoutes, type TaskResponse } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { isNotFound } from '../../core/api/api-error-text';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { PLUGIN_REGISTRY } from '../../core/plugins/plugin-registry.provider';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { DateTimePipe } from '../../shared/format/format.pipes';
import { TASK_KIND_TEXT, TASK_STATUS_TEXT } from '../../shared/task-progress/task-labels';
import { TaskProgressPanelComponent, type TaskFinished } from '../../shared/task-progress/task-progress-panel.component';
import { taskParamsText, taskTargetText } from './task-text';

/**
 * One task (`/tasks/:id`): what it was asked to do (cluster, kind, params, target, dry run, who,
 * when) and the progress panel with every node's result, live while it runs, with cancel and
 * "retry failed". The task is read once; the panel starts from that snapshot and hands back the
 * final one at the terminal event. An unknown id shows only a not-found state (no panel, no cancel).
 */
@Component({
  selector: 'knm-task-detail-page',
  imports: [
    MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, RouterLink, TranslocoPipe, I18nPipe,
    DateTimePipe, ApiErrorPanelComponent, TaskProgressPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-header">
      <a mat-icon-button routerLink="/tasks" [matTooltip]="'tasks.detail.back' | transloco"
        [attr.aria-label]="'tasks.detail.back' | transloco" data-testid="task-detail-back"><mat-icon svgIcon="back" /></a>
      <h1>{{ 'tasks.detail.title' | transloco }}</h1>
      <code class="id">{{ id() }}</code>
    </div>
    @if (loading()) { <mat-progress-bar mode="indeterminate" /> }
    @if (notFound()) {
      <section class="not-found" role="alert" data-testid="task-not-found">
        <mat-icon svgIcon="search" />
        <div>
          <div class="headline">{{ 'tasks.detail.notFound' | transloco }}</div>
          <p>{{ 'tasks.detail.notFoundHint' | transloco: { id: id() } }}</p>
          <a mat-stroked-button routerLink="/tasks" data-testid="task-not-found-list">{{ 'tasks.detail.allTasks' | transloco }}</a>
        </div>
      </section>
    } @else {
      <knm-api-error-panel [error]="error()" />
    }
    @if (task(); as t) {
      <table class="knm-detail-table meta" data-testid="task-detail-meta">
        <tbody>
          <tr><th>{{ 'tasks.detail.cluster' | transloco }}</th><td>
            @if (clusterLink(); as link) { <a [routerLink]="link" data-testid="task-detail-cluster">{{ t.cluster }}</a> } @else { {{ t.cluster }} }
          </td></tr>
          <tr><th>{{ 'tasks.detail.kind' | transloco }}</th><td data-testid="task-detail-kind" [attr.data-kind]="t.kind">
            {{ kindText[t.kind] | i18n }}
            @if (t.dryRun) { {{ 'tasks.detail.dryRunNote' | transloco }} }
          </td></tr>
          <tr><th>{{ 'tasks.detail.status' | transloco }}</th><td data-testid="task-detail-status">{{ statusText[t.status] | i18n }}</td></tr>
          <tr><th>{{ 'tasks.detail.params' | transloco }}</th><td><code data-testid="task-detail-params">{{ paramsText(t.kind, t.params) | i18n }}</code></td></tr>
          <tr><th>{{ 'tasks.detail.target' | transloco }}</th><td>{{ targetText(t) | i18n }}</td></tr>
          <tr><th>{{ 'tasks.detail.createdBy' | transloco }}</th><td>{{ t.createdBy }}</td></tr>
          <tr><th>{{ 'tasks.detail.created' | transloco }}</th><td [title]="t.createdAt">{{ t.createdAt | dateTime }}</td></tr>
          <tr><th>{{ 'tasks.detail.started' | transloco }}</th><td [title]="t.startedAt ?? ''">{{ t.startedAt | dateTime }}</td></tr>
          <tr><th>{{ 'tasks.detail.finished' | transloco }}</th><td [title]="t.finishedAt ?? ''">{{ t.finishedAt | dateTime }}</td></tr>
          @if (t.retryOf) {
            <tr><th>{{ 'tasks.detail.retryOf' | transloco }}</th><td><a [routerLink]="['/tasks', t.retryOf]">{{ t.retryOf }}</a></td></tr>
          }
        </tbody>
      </table>
      <knm-task-progress-panel
        class="panel"
        [taskId]="t.id"
        [snapshot]="t"
        (closed)="back()"
        (finished)="onFinished($event)"
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
    .not-found {
      display: flex; gap: 12px; padding: 12px 16px; border-radius: 12px;
      background: var(--mat-sys-surface-container); color: var(--mat-sys-on-surface);
    }
    .not-found .headline { font: var(--mat-sys-title-medium); }
    .not-found p { margin: 4px 0 8px; color: var(--mat-sys-on-surface-variant); }
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
  protected readonly loading = signal(false);
  protected readonly notFound = computed(() => isNotFound(this.error(), ['id']));
  protected readonly statusText = TASK_STATUS_TEXT;
  protected readonly kindText = TASK_KIND_TEXT;
  protected readonly targetText = taskTargetText;
  protected readonly paramsText = taskParamsText;
  protected readonly clusterLink = computed(() => {
    const t = this.task();
    return t ? this.registry.path('nodes.list', { cluster: t.cluster }) : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected onFinished(done: TaskFinished): void {
    if (done.task?.id === this.id()) this.task.set(done.task);
  }

  protected back(): void {
    void this.router.navigate(['/tasks']);
  }

  protected openTask(task: TaskResponse): void {
    void this.router.navigate(['/tasks', task.id]);
  }

  private async load(id: string): Promise<void> {
    this.task.set(null);
    this.error.set(null);
    this.loading.set(true);
    try {
      const task = await this.api.get<TaskResponse>(ApiRoutes.task(id));
      if (id === this.id()) this.task.set(task);
    } catch (err) {
      if (id === this.id()) this.error.set(toApiError(err));
    } finally {
      if (id === this.id()) this.loading.set(false);
    }
  }
}
