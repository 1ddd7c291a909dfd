import { computed, signal } from '@angular/core';
import type { ApiError } from '../../core/api/api-error';
import { toApiError } from '../../core/api/api-error';

/** One page as a server answers it. */
export interface PageResult<T> {
  items: readonly T[];
  total: number;
  page: number;
  limit: number;
}

/**
 * Generic base for server-paged resource lists (kubernetes/dashboard's ResourceListBase habit):
 * loading and error state, total, page/limit, and stale-answer protection (an answer to an older
 * request never overwrites a newer one). Subclasses say how to fetch and may post-process.
 */
export abstract class ServerPagedList<T, R extends PageResult<T> = PageResult<T>> {
  readonly items = signal<readonly T[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly limit = signal(50);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly empty = computed(() => !this.loading() && !this.error() && this.items().length === 0);
  private generation = 0;

  protected abstract fetchPage(page: number, limit: number): Promise<R>;

  /** Applies a fresh answer; override to keep more of it than items and total. */
  protected accept(result: R): void {
    this.items.set(result.items);
    this.total.set(result.total);
  }

  /** (Re)loads the current page. Resolves when done; errors land in `error`. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    try {
      const result = await this.fetchPage(this.page(), this.limit());
      if (generation !== this.generation) return;
      this.error.set(null);
      this.accept(result);
    } catch (err) {
      if (generation === this.generation) this.error.set(toApiError(err));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
