import { Injectable, inject, signal } from '@angular/core';
import { ApiRoutes, type ClusterResponse } from '@knm/contracts';
import { ApiClient } from '../api/api-client.service';
import { toApiError, type ApiError } from '../api/api-error';

/**
 * The registered clusters, shared by every view that needs to pick one (cluster picker, clusters
 * page). `refresh()` re-reads `GET /clusters`; the list is replaced only by a successful answer.
 */
@Injectable({ providedIn: 'root' })
export class ClusterDirectory {
  private readonly api = inject(ApiClient);

  readonly clusters = signal<readonly ClusterResponse[]>([]);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);

  async refresh(): Promise<void> {
    this.loading.set(true);
    try {
      const list = await this.api.get<ClusterResponse[] | { items: ClusterResponse[] }>(ApiRoutes.clusters());
      this.clusters.set(Array.isArray(list) ? list : list.items);
      this.error.set(null);
      this.loaded.set(true);
    } catch (err) {
      this.error.set(toApiError(err));
    } finally {
      this.loading.set(false);
    }
  }

  /** Loads once; later calls reuse the list (use `refresh()` to re-read). */
  async ensureLoaded(): Promise<void> {
    if (!this.loaded()) await this.refresh();
  }
}
