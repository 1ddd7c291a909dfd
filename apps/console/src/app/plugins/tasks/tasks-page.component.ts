import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { TASK_KINDS, type TaskResponse } from '@knm/contracts';
import { ClusterDirectory } from '../../core/clusters/cluster-directory.service';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { DateTimePipe, NumberPipe, TimeAgoPipe } from '../../shared/format/format.pipes';
import { TASK_KIND_TEXT, TASK_STATUS_TEXT } from '../../shared/task-progress/task-labels';
import {
  TASK_PAGE_SIZES,
  TASK_STATUSES,
  isoToLocalInput,
  localInputToIso,
  readTaskListView,
  taskFilterParams,
} from './task-list-query';
import { TaskListStore } from './task-list.store';
import { taskTargetText } from './task-text';

/**
 * Task history (`/tasks`): every batch task, newest first, filtered by cluster, kind, status and
 * creation time, paged; all of it in the URL. A row opens `/tasks/:id`, so a task whose progress
 * panel was hidden can always be found again.
 */
@Component({
  selector: 'knm-tasks-page',
  imports: [
    MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule, MatProgressBarModule,
    MatSelectModule, MatTooltipModule, RouterLink, TranslocoPipe, I18nPipe, DateTimePipe, NumberPipe, TimeAgoPipe,
    ApiErrorPanelComponent,
  ],
  providers: [TaskListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tasks-page.component.html',
  styleUrl: './tasks-page.component.scss',
})
export class TasksPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly directory = inject(ClusterDirectory);
  protected readonly store = inject(TaskListStore);
  protected readonly kinds = TASK_KINDS;
  protected readonly statuses = TASK_STATUSES;
  protected readonly statusText = TASK_STATUS_TEXT;
  protected readonly kindText = TASK_KIND_TEXT;
  protected readonly pageSizes = [...TASK_PAGE_SIZES];
  protected readonly targetText = taskTargetText;

  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly view = computed(() => readTaskListView(this.query()));
  protected readonly fromInput = computed(() => isoToLocalInput(this.view().from));
  protected readonly toInput = computed(() => isoToLocalInput(this.view().to));
  protected readonly filtered = computed(() => {
    const v = this.view();
    return v.cluster !== '' || v.kind !== null || v.status !== null || v.from !== null || v.to !== null;
  });

  constructor() {
    void this.directory.ensureLoaded();
    effect(() => {
      const view = this.view();
      untracked(() => void this.store.show(view));
    });
  }

  protected filter(name: 'cluster' | 'kind' | 'status', value: string): void {
    this.navigate(taskFilterParams(name, value));
  }

  protected filterTime(name: 'from' | 'to', localValue: string): void {
    const iso = localInputToIso(localValue);
    if (iso !== this.view()[name]) this.navigate(taskFilterParams(name, iso));
  }

  protected clearFilters(): void {
    this.navigate({ cluster: null, kind: null, status: null, from: null, to: null, page: null });
  }

  protected onPage(event: PageEvent): void {
    this.navigate({ page: event.pageIndex + 1, limit: event.pageSize });
  }

  protected trackTask(_: number, task: TaskResponse): string {
    return task.id;
  }

  private navigate(changes: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: changes, queryParamsHandling: 'merge' });
  }
}
