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
import type { Sort } from '@angular/material/sort';
import { ActivatedRoute, Router, RouterLink, type Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { ErrorCode, type NodeSummary, type TaskResponse } from '@knm/contracts';
import { ClusterDirectory } from '../../core/clusters/cluster-directory.service';
import { msg, plural, type I18nMessage } from '../../core/i18n/i18n-message';
import { NotificationService } from '../../core/notifications/notification.service';
import { ActionSlotComponent, type SlotActionOutcome } from '../../core/plugins/action-slot.component';
import { PLUGIN_REGISTRY } from '../../core/plugins/plugin-registry.provider';
import type { NodeBatchContext } from '../../core/plugins/plugin.types';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { RowSelection } from '../../shared/table/row-selection';
import {
  TaskProgressPanelComponent,
  type TaskFinished,
} from '../../shared/task-progress/task-progress-panel.component';
import { NodeFacetsComponent } from './node-facets.component';
import { hasNonSelectorFilters, readNodeListView, sortParams } from './node-list-query';
import { NodeListStore, type LiveState } from './node-list.store';
import { NodeTableComponent } from './node-table.component';
import { checkSelector } from './selector-check';

const LAST_CLUSTER_KEY = 'knm.lastCluster';
const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZES = [20, 50, 100, 200];

const LIVE_TEXT: Readonly<Record<LiveState, { label: I18nMessage; hint: I18nMessage }>> = {
  live: { label: msg('nodes.live.live'), hint: msg('nodes.live.liveHint') },
  connecting: { label: msg('nodes.live.connecting'), hint: msg('nodes.live.connectingHint') },
  offline: { label: msg('nodes.live.offline'), hint: msg('nodes.live.offlineHint') },
  unavailable: { label: msg('nodes.live.unavailable'), hint: msg('nodes.live.unavailableHint') },
};

/**
 * The Nodes page. Everything it shows is in the URL: cluster (`/clusters/:cluster/nodes`), the
 * list view (node-list-query.ts: selector, q, facet filters, sort, page, limit) and the followed
 * `task`, so a reload or a shared link restores it, including a task's progress mid-run.
 * Batch actions act on the selected rows, or on every node matching the label selector.
 */
@Component({
  selector: 'knm-nodes-page',
  imports: [
    MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, MatTooltipModule,
    RouterLink, TranslocoPipe, I18nPipe, ActionSlotComponent, ApiErrorPanelComponent, NodeFacetsComponent, NodeTableComponent,
    TaskProgressPanelComponent,
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
  private readonly registry = inject(PLUGIN_REGISTRY);
  protected readonly directory = inject(ClusterDirectory);
  protected readonly store = inject(NodeListStore);
  protected readonly selection = new RowSelection();
  protected readonly pageSizes = PAGE_SIZES;

  private readonly params = toSignal(this.route.paramMap, { requireSync: true });
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly cluster = computed(() => this.params().get('cluster') ?? '');
  protected readonly view = computed(() => readNodeListView(this.query()));
  protected readonly selector = computed(() => this.view().selector);
  protected readonly search = computed(() => this.view().q);
  protected readonly taskId = computed(() => this.query().get('task'));
  /** The followed task in the task history (null when no plugin provides that page). */
  protected readonly taskLink = computed(() => {
    const id = this.taskId();
    return id ? this.registry.path('tasks.detail', { id }) : null;
  });
  /** The selector "all nodes matching" was chosen for (batch actions then submit it), or null. */
  private readonly matchingFor = signal<string | null>(null);
  protected readonly matchingChosen = computed(() => this.matchingFor() !== null && this.matchingFor() === this.selector());
  /** Why "select all matching" is not offered, or null when it is. */
  protected readonly matchingUnavailable = computed<I18nMessage | null>(() => {
    if (!this.selector()) return msg('nodes.selection.needsSelector');
    if (this.store.error()) return msg('nodes.selection.listFailed');
    if (hasNonSelectorFilters(this.view())) return msg('nodes.selection.onlySelector');
    return null;
  });
  protected readonly liveState = this.store.liveState;
  protected readonly liveText = computed(() => LIVE_TEXT[this.liveState()]);
  protected readonly totalText = computed(() => plural(this.store.total(), 'nodes.page.total.one', 'nodes.page.total.other'));
  protected readonly selectorDraft = signal('');
  /** What is wrong with the selector: as typed (checked locally), else as the API refused it. */
  protected readonly selectorError = computed<I18nMessage | null>(() => {
    const typed = checkSelector(this.selectorDraft());
    if (typed) return typed.message;
    const e = this.store.error();
    return e && e.code === ErrorCode.InvalidSelector ? msg('nodes.filters.selectorInvalid', { detail: e.message }) : null;
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
    if (this.matchingChosen() && !this.matchingUnavailable()) {
      return { cluster: this.cluster(), nodes: [], matching: { selector: this.selector(), count: this.store.total() } };
    }
    return { cluster: this.cluster(), nodes };
  });
  protected readonly batchSize = computed(() => this.batchContext().matching?.count ?? this.batchContext().nodes.length);
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    void this.directory.ensureLoaded().then(() => this.pickDefaultCluster());
    effect(() => {
      const filter = { ...this.view(), cluster: this.cluster() };
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

  /** Row selection and "all matching" exclude each other: selecting a row drops "all matching". */
  private readonly dropMatching = effect(() => {
    if (this.selection.count() > 0) untracked(() => this.matchingFor.set(null));
  });

  protected chooseMatching(): void {
    this.selection.clear();
    this.matchingFor.set(this.selector());
  }

  protected clearMatching(): void {
    this.matchingFor.set(null);
  }

  protected onFilter(changes: Params): void {
    this.navigateQuery(changes);
  }

  protected onSort(sort: Sort): void {
    this.navigateQuery(sortParams(sort.active, sort.direction));
  }

  protected chooseCluster(cluster: string): void {
    void this.router.navigate(['/clusters', cluster, 'nodes']);
  }

  /** Applies the typed selector; one that does not parse stays in the field with its error shown. */
  protected applySelector(): void {
    if (checkSelector(this.selectorDraft())) return;
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
    this.finishedTask.set(this.taskId());
    void this.store.reload();
    if (done.watchedRunning) this.notify.info(finishedText(done));
  }

  protected onTaskRetried(task: TaskResponse): void {
    this.navigateQuery({ task: task.id });
  }

  protected closeTask(): void {
    const id = this.taskId();
    const running = this.taskRunning();
    this.navigateQuery({ task: null });
    if (id && running) this.notify.info(msg('nodes.page.taskKeepsRunning'));
  }

  /** The followed task has not reached its terminal event (set from the panel's `finished`). */
  private readonly taskRunning = computed(() => this.taskId() !== null && this.finishedTask() !== this.taskId());
  private readonly finishedTask = signal<string | null>(null);

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

/** "Task succeeded" / "Dry run failed; nothing was changed", per phase (one literal key each). */
function finishedText(done: TaskFinished): I18nMessage {
  const phase = done.phase === 'succeeded' || done.phase === 'failed' || done.phase === 'cancelled' ? done.phase : 'succeeded';
  const texts: Record<typeof phase, [I18nMessage, I18nMessage]> = {
    succeeded: [msg('nodes.page.finished.succeeded'), msg('nodes.page.finished.dryRunSucceeded')],
    failed: [msg('nodes.page.finished.failed'), msg('nodes.page.finished.dryRunFailed')],
    cancelled: [msg('nodes.page.finished.cancelled'), msg('nodes.page.finished.dryRunCancelled')],
  };
  return texts[phase][done.dryRun ? 1 : 0];
}
