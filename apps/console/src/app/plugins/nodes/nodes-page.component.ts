import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, type Params } from '@angular/router';
import { ErrorCode, NODE_LIST_DEFAULT_LIMIT, type NodeSummary, type TaskResponse } from '@knm/contracts';
import { ClusterDirectory } from '../../core/clusters/cluster-directory.service';
import { NotificationService } from '../../core/notifications/notification.service';
import { ActionSlotComponent, type SlotActionOutcome } from '../../core/plugins/action-slot.component';
import type { NodeBatchContext } from '../../core/plugins/plugin.types';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { RowSelection } from '../../shared/table/row-selection';
import {
  TaskProgressPanelComponent,
  type TaskFinished,
} from '../../shared/task-progress/task-progress-panel.component';
import { NodeListStore } from './node-list.store';
import { NodeTableComponent } from './node-table.component';

const LAST_CLUSTER_KEY = 'knm.lastCluster';
const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZES = [20, 50, 100, 200];

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The Nodes page. Everything it shows is in the URL: cluster (`/clusters/:cluster/nodes`),
 * `selector`, `q`, `page`, `limit` and the followed `task`, so a reload or a shared link restores
 * it, including a task's progress mid-run.
 */
@Component({
  selector: 'knm-nodes-page',
  imports: [
    MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, MatTooltipModule,
    ActionSlotComponent, ApiErrorPanelComponent, NodeTableComponent, TaskProgressPanelComponent,
  ],
  providers: [NodeListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './nodes-page.component.html',
  styleUrl: './nodes-page.component.scss',
})
export class NodesPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notify = inject(NotificationService);
  protected readonly directory = inject(ClusterDirectory);
  protected readonly store = inject(NodeListStore);
  protected readonly selection = new RowSelection();
  protected readonly pageSizes = PAGE_SIZES;

  private readonly params = toSignal(this.route.paramMap, { requireSync: true });
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly cluster = computed(() => this.params().get('cluster') ?? '');
  protected readonly selector = computed(() => this.query().get('selector') ?? '');
  protected readonly search = computed(() => this.query().get('q') ?? '');
  protected readonly taskId = computed(() => this.query().get('task'));
  protected readonly selectorDraft = signal('');
  protected readonly selectorError = computed(() => {
    const e = this.store.error();
    return e && e.code === ErrorCode.InvalidSelector ? e : null;
  });
  /** Last seen summary of every node shown, so a selection spanning pages keeps its nodes. */
  private readonly seen = computed(() => {
    this.cluster();
    return new Map<string, NodeSummary>();
  });
  protected readonly batchContext = computed<NodeBatchContext>(() => {
    const seen = this.seen();
    for (const n of this.store.items()) seen.set(n.name, n);
    const nodes = this.selection.selected().flatMap((name) => seen.get(name) ?? []);
    return { cluster: this.cluster(), nodes };
  });
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    void this.directory.ensureLoaded().then(() => this.pickDefaultCluster());
    effect(() => {
      const filter = {
        cluster: this.cluster(),
        selector: this.selector(),
        q: this.search(),
        page: positiveInt(this.query().get('page'), 1),
        limit: positiveInt(this.query().get('limit'), NODE_LIST_DEFAULT_LIMIT),
      };
      untracked(() => {
        this.selectorDraft.set(filter.selector);
        if (filter.cluster) void this.store.show(filter);
      });
    });
    effect(() => {
      const cluster = this.cluster();
      untracked(() => this.selection.clear());
      if (cluster) localStorage.setItem(LAST_CLUSTER_KEY, cluster);
    });
  }

  protected chooseCluster(cluster: string): void {
    void this.router.navigate(['/clusters', cluster, 'nodes']);
  }

  protected applySelector(): void {
    this.navigateQuery({ selector: this.selectorDraft().trim() || null, page: null });
  }

  protected onSearch(value: string): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.navigateQuery({ q: value.trim() || null, page: null }), SEARCH_DEBOUNCE_MS);
  }

  protected onPage(event: PageEvent): void {
    this.navigateQuery({ page: event.pageIndex + 1, limit: event.pageSize });
  }

  protected onAction(outcome: SlotActionOutcome): void {
    if (outcome.taskId) this.navigateQuery({ task: outcome.taskId });
  }

  protected onTaskFinished(done: TaskFinished): void {
    void this.store.reload();
    if (done.watchedRunning) this.notify.info(`Task ${done.phase}`);
  }

  protected onTaskRetried(task: TaskResponse): void {
    this.navigateQuery({ task: task.id });
  }

  protected closeTask(): void {
    this.navigateQuery({ task: null });
  }

  private navigateQuery(changes: Params): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: changes, queryParamsHandling: 'merge' });
  }

  /** On /nodes without a cluster: the last one used, or the only one registered. */
  private pickDefaultCluster(): void {
    if (this.cluster()) return;
    const names = this.directory.clusters().map((c) => c.name);
    const last = localStorage.getItem(LAST_CLUSTER_KEY);
    const target = last && names.includes(last) ? last : names.length === 1 ? names[0] : null;
    if (target) void this.router.navigate(['/clusters', target, 'nodes'], { replaceUrl: true });
  }
}
