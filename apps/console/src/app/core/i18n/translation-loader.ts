import { Injectable, inject } from '@angular/core';
import type { Translation, TranslocoLoader } from '@jsverse/transloco';
import { of, type Observable } from 'rxjs';
import { PLUGIN_REGISTRY } from '../plugins/plugin-registry.provider';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { ConsoleLanguage } from './languages';
import en from './translations/en.json';
import zhCN from './translations/zh-CN.json';

/** The core's own translations (shell, shared components, errors, units): top-level key per area. */
export const CORE_TRANSLATIONS: Readonly<Record<ConsoleLanguage, Translation>> = { en, 'zh-CN': zhCN };

/** Top-level keys of the core translations; no plugin may use one of them as its id. */
export const CORE_NAMESPACES: readonly string[] = Object.keys(en);

/**
 * Every translation of `lang`: the core's, plus each plugin's under its plugin id (a plugin's
 * `page.title` is the key `<pluginId>.page.title`). Unknown languages get an empty object.
 */
export function consoleTranslations(lang: string, registry: PluginRegistry): Translation {
  const core = (CORE_TRANSLATIONS as Record<string, Translation | undefined>)[lang] ?? {};
  return { ...core, ...registry.translations(lang) };
}

/**
 * Transloco loader over translations inlined in the bundle: answers synchronously, so no language
 * costs a request and nothing renders untranslated (no flash of keys), in the app and in tests.
 */
@Injectable()
export class InlineTranslationLoader implements TranslocoLoader {
  private readonly registry = inject(PLUGIN_REGISTRY);

  getTranslation(lang: string): Observable<Translation> {
    return of(consoleTranslations(lang, this.registry));
  }
}
