import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import { ApiRoutes, type NodeChangedEvent, type NodeDetailResponse } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import { msg } from '../../../core/i18n/i18n-message';
import { ClusterFollower } from '../../../core/realtime/cluster-follower';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { AgePipe, DateTimePipe, QuantityPipe } from '../../../shared/format/format.pipes';
import { orderLabels } from '../node-table.component';
import { READINESS_TEXT } from '../node-text';
import { applyDetailChange } from './live-node-detail';
import { NodePodsTableComponent } from './node-pods-table.component';

/**
 * One node (`/clusters/:cluster/nodes/:node`): labels, taints, conditions, capacity/allocatable
 * (human units, raw quantity on hover), addresses, system info (from the API's node cache), and its
 * pods listed live from the cluster with what a drain would do to each. Live: `node:changed` of
 * this node updates the page in place (a deletion is said so); after a re-subscribe it is re-read.
 */
@Component({
  selector: 'knm-node-detail-page',
  imports: [
    MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, RouterLink, TranslocoPipe, I18nPipe,
    AgePipe, DateTimePipe, QuantityPipe, ApiErrorPanelComponent, NodePodsTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './node-detail-page.component.html',
  styleUrl: './node-detail-page.component.scss',
})
export class NodeDetailPageComponent {
  private readonly api = inject(ApiClient);
  private readonly realtime = inject(RealtimeService);
  private readonly params = toSignal(inject(ActivatedRoute).paramMap, { requireSync: true });
  protected readonly cluster = computed(() => this.params().get('cluster') ?? '');
  protected readonly name = computed(() => this.params().get('node') ?? '');

  protected readonly node = signal<NodeDetailResponse | null>(null);
  /** The node was deleted from the cluster while this page was open. */
  protected readonly deleted = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly labels = computed(() => orderLabels(this.node()?.labels ?? {}));
  protected readonly readiness = computed(() => {
    const n = this.node();
    return n ? READINESS_TEXT[n.readiness] : null;
  });
  protected readonly resources = computed(() => {
    const n = this.node();
    if (!n) return [];
    const names = [...new Set([...Object.keys(n.capacity), ...Object.keys(n.allocatable)])].sort();
    const quantity = (q: Record<string, string>, key: string): string | null => (key in q ? q[key] : null);
    return names.map((name) => ({ name, capacity: quantity(n.capacity, name), allocatable: quantity(n.allocatable, name) }));
  });
  protected readonly systemInfo = computed(() => {
    const i = this.node()?.nodeInfo;
    if (!i) return [];
    return [
      { label: msg('nodes.detail.info.kubelet'), value: i.kubeletVersion },
      { label: msg('nodes.detail.info.osImage'), value: i.osImage },
      { label: msg('nodes.detail.info.os'), value: i.operatingSystem },
      { label: msg('nodes.detail.info.architecture'), value: i.architecture },
      { label: msg('nodes.detail.info.kernel'), value: i.kernelVersion },
      { label: msg('nodes.detail.info.runtime'), value: i.containerRuntimeVersion },
    ];
  });
  protected readonly cordonReason = computed(() => this.node()?.annotations['knm.io/cordon-reason'] ?? null);
  private follower: ClusterFollower | null = null;
  private followed = '';
  private generation = 0;
  private inFlight = false;
  /** Changes of this node that arrived during a fetch, applied on top of its answer. */
  private pending: NodeChangedEvent[] = [];

  constructor() {
    effect(() => {
      const cluster = this.cluster();
      this.name();
      untracked(() => this.show(cluster));
    });
    inject(DestroyRef).onDestroy(() => this.follower?.stop());
  }

  protected refresh(): void {
    void this.load();
  }

  /** A new cluster is followed first (the node is read once its subscription is acknowledged). */
  private show(cluster: string): void {
    this.node.set(null);
    this.deleted.set(false);
    if (cluster === this.followed) {
      void this.load();
      return;
    }
    this.follower?.stop();
    this.followed = cluster;
    this.follower = new ClusterFollower(this.realtime, cluster, {
      load: () => void this.load(),
      node: (event) => this.onNodeChanged(event),
    });
  }

  private onNodeChanged(event: NodeChangedEvent): void {
    if (event.name !== this.name()) return;
    if (this.inFlight || this.follower?.waitingForFirstLoad) {
      this.pending.push(event);
      return;
    }
    this.applyChange(event);
  }

  private applyChange(event: NodeChangedEvent): void {
    const current = this.node();
    if (!current) return;
    const next = applyDetailChange(current, event);
    if (next === 'deleted') this.deleted.set(true);
    else if (next !== current) this.node.set(next);
  }

  private async load(): Promise<void> {
    const [cluster, name] = [this.cluster(), this.name()];
    const generation = ++this.generation;
    this.loading.set(true);
    this.inFlight = true;
    this.pending = [];
    try {
      const node = await this.api.get<NodeDetailResponse>(ApiRoutes.node(cluster, name));
      if (generation !== this.generation) return;
      this.node.set(node);
      this.deleted.set(false);
      this.error.set(null);
    } catch (err) {
      if (generation === this.generation) this.error.set(toApiError(err));
    } finally {
      if (generation === this.generation) {
        this.loading.set(false);
        this.inFlight = false;
        for (const event of this.pending.splice(0)) this.applyChange(event);
      }
    }
  }
}
