import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

/** `system` follows the operating system's `prefers-color-scheme`; the others force a scheme. */
export type ThemeMode = 'system' | 'light' | 'dark';
export const THEME_MODES: readonly ThemeMode[] = ['system', 'light', 'dark'];

/** localStorage key of the mode chosen in the shell. */
export const THEME_STORAGE_KEY = 'knm.theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isThemeMode(value: unknown): value is ThemeMode {
  return typeof value === 'string' && (THEME_MODES as readonly string[]).includes(value);
}

/**
 * Light or dark. The theme (styles/_theme.scss) is built with `color-scheme` tokens
 * (`light-dark()`), so the browser picks the colours: this service only sets `data-theme` on
 * `<html>` (`light`/`dark` force `color-scheme`; absent = follow the system) and remembers the
 * choice. `dark` tells code that cannot use CSS (charts, canvas) which scheme is showing.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia?.(DARK_QUERY) ?? null;
  private readonly systemDark = signal(this.media?.matches ?? false);

  readonly mode = signal<ThemeMode>('system');
  /** True while the dark scheme is showing (chosen, or the system's). */
  readonly dark = computed(() => (this.mode() === 'system' ? this.systemDark() : this.mode() === 'dark'));

  constructor() {
    const onChange = (e: MediaQueryListEvent): void => this.systemDark.set(e.matches);
    this.media?.addEventListener?.('change', onChange);
    inject(DestroyRef).onDestroy(() => this.media?.removeEventListener?.('change', onChange));
  }

  /** Applies the stored mode; run once at bootstrap. */
  init(): void {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      // Storage disabled: follow the system.
    }
    this.apply(isThemeMode(stored) ? stored : 'system');
  }

  /** Switches to `mode` and remembers it. */
  use(mode: ThemeMode): void {
    if (!isThemeMode(mode)) return;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, mode);
    } catch {
      // Storage disabled: the choice applies to this page only.
    }
    this.apply(mode);
  }

  private apply(mode: ThemeMode): void {
    this.mode.set(mode);
    const root = this.document.documentElement;
    if (mode === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', mode);
  }
}
