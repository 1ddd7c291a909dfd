import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { ApiRoutes } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { AgePipe } from '../../../shared/pipes/age.pipe';
import { orderLabels } from '../node-table.component';
import type { NodeDetailResponse } from '@knm/contracts';
import { NodePodsTableComponent } from './node-pods-table.component';

/**
 * One node (`/clusters/:cluster/nodes/:node`): labels, taints, conditions, capacity/allocatable,
 * addresses, system info (from the API's node cache), and its pods listed live from the cluster
 * with their drain eligibility. Refresh re-reads both.
 */
@Component({
  selector: 'knm-node-detail-page',
  imports: [
    MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, RouterLink,
    AgePipe, ApiErrorPanelComponent, NodePodsTableComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './node-detail-page.component.html',
  styleUrl: './node-detail-page.component.scss',
})
export class NodeDetailPageComponent {
  private readonly api = inject(ApiClient);
  private readonly params = toSignal(inject(ActivatedRoute).paramMap, { requireSync: true });
  protected readonly cluster = computed(() => this.params().get('cluster') ?? '');
  protected readonly name = computed(() => this.params().get('node') ?? '');

  protected readonly node = signal<NodeDetailResponse | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly labels = computed(() => orderLabels(this.node()?.labels ?? {}));
  protected readonly resources = computed(() => {
    const n = this.node();
    if (!n) return [];
    const names = [...new Set([...Object.keys(n.capacity), ...Object.keys(n.allocatable)])].sort();
    return names.map((name) => ({ name, capacity: n.capacity[name] ?? '—', allocatable: n.allocatable[name] ?? '—' }));
  });
  protected readonly systemInfo = computed(() => {
    const i = this.node()?.nodeInfo;
    if (!i) return [];
    return [
      ['Kubelet', i.kubeletVersion], ['OS image', i.osImage], ['Operating system', i.operatingSystem],
      ['Architecture', i.architecture], ['Kernel', i.kernelVersion], ['Container runtime', i.containerRuntimeVersion],
    ];
  });
  protected readonly cordonReason = computed(() => this.node()?.annotations['knm.io/cordon-reason'] ?? null);
  private generation = 0;

  constructor() {
    effect(() => {
      const key = [this.cluster(), this.name()] as const;
      untracked(() => void this.load(key[0], key[1]));
    });
  }

  protected refresh(): void {
    void this.load(this.cluster(), this.name());
  }

  private async load(cluster: string, name: string): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    try {
      const node = await this.api.get<NodeDetailResponse>(ApiRoutes.node(cluster, name));
      if (generation !== this.generation) return;
      this.node.set(node);
      this.error.set(null);
    } catch (err) {
      if (generation === this.generation) this.error.set(toApiError(err));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
