import { computed, signal } from '@angular/core';

/**
 * Selection of table rows by key (a node name), kept across page changes and live updates.
 * Signal-based so templates and computed state update without zone.js.
 */
export class RowSelection {
  private readonly keys = signal<ReadonlySet<string>>(new Set());

  readonly selected = computed(() => [...this.keys()]);
  readonly count = computed(() => this.keys().size);

  isSelected(key: string): boolean {
    return this.keys().has(key);
  }

  toggle(key: string): void {
    this.update((s) => (s.has(key) ? s.delete(key) : s.add(key)));
  }

  /** All of `pageKeys` selected? (false for an empty page) */
  allSelected(pageKeys: readonly string[]): boolean {
    const keys = this.keys();
    return pageKeys.length > 0 && pageKeys.every((k) => keys.has(k));
  }

  someSelected(pageKeys: readonly string[]): boolean {
    const keys = this.keys();
    return pageKeys.some((k) => keys.has(k)) && !this.allSelected(pageKeys);
  }

  /** Selects every key of the page, or clears them all when all were selected. */
  togglePage(pageKeys: readonly string[]): void {
    const select = !this.allSelected(pageKeys);
    this.update((s) => pageKeys.forEach((k) => (select ? s.add(k) : s.delete(k))));
  }

  /** Drops keys that no longer exist (e.g. a node was deleted). */
  retain(predicate: (key: string) => boolean): void {
    this.update((s) => [...s].filter((k) => !predicate(k)).forEach((k) => s.delete(k)));
  }

  clear(): void {
    this.keys.set(new Set());
  }

  private update(mutate: (s: Set<string>) => void): void {
    const next = new Set(this.keys());
    mutate(next);
    this.keys.set(next);
  }
}
