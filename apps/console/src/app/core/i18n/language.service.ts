import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import type { I18nMessage, I18nParams } from './i18n-message';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  isConsoleLanguage,
  pickLanguage,
  type ConsoleLanguage,
} from './languages';

/**
 * The console's current language. `use()` switches at run time (every `transloco` pipe, Intl pipe,
 * page title and paginator label follows), remembers the choice in localStorage and sets
 * `<html lang>` (screen readers and CJK font selection depend on it). Translations are inlined in
 * the bundle, so a switch is synchronous: no request, no flash of keys.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  /** The active language; also the BCP 47 locale for Intl. */
  readonly lang = signal<ConsoleLanguage>(DEFAULT_LANGUAGE);

  /** Starts in the stored or browser language (see {@link pickLanguage}); run once at bootstrap. */
  init(): void {
    const nav = this.document.defaultView?.navigator;
    const preferred = nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
    // English is the fallback for a key another language lacks, so it is always loaded.
    this.transloco.load(DEFAULT_LANGUAGE).subscribe();
    this.apply(pickLanguage(readStored(), preferred));
  }

  /** Switches to `lang` and remembers it. */
  use(lang: ConsoleLanguage): void {
    if (!isConsoleLanguage(lang)) return;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage disabled (privacy mode): the switch still applies to this page.
    }
    this.apply(lang);
  }

  /** Translates now, in the active language (for snack bars, `document.title`, native dialogs). */
  translate(key: string, params?: I18nParams): string {
    return this.transloco.translate(key, params ?? {});
  }

  /** {@link translate} for an {@link I18nMessage}. */
  text(message: I18nMessage): string {
    return this.translate(message.key, message.params);
  }

  private apply(lang: ConsoleLanguage): void {
    this.transloco.load(lang).subscribe();
    this.lang.set(lang);
    this.transloco.setActiveLang(lang);
    this.document.documentElement.lang = lang;
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}
