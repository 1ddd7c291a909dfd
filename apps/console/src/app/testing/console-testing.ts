import type { EnvironmentProviders, Provider } from '@angular/core';
import { MAT_DIALOG_DEFAULT_OPTIONS } from '@angular/material/dialog';
import { CONSOLE_PLUGINS } from '../app.plugins';
import { DIALOG_DEFAULTS } from '../app.config';
import type { I18nMessage } from '../core/i18n/i18n-message';
import { provideConsoleI18n } from '../core/i18n/i18n.providers';
import type { ConsoleLanguage } from '../core/i18n/languages';
import { CORE_NAMESPACES, consoleTranslations } from '../core/i18n/translation-loader';
import { provideConsoleIcons } from '../core/icons/console-icons';
import { PluginRegistry } from '../core/plugins/plugin-registry';
import { providePluginRegistry } from '../core/plugins/plugin-registry.provider';
import { formatNumber } from '../shared/format/intl-format';

/** The built-in plugins' registry, as the app builds it. */
export function consoleRegistry(): PluginRegistry {
  return new PluginRegistry(CONSOLE_PLUGINS, CORE_NAMESPACES);
}

/**
 * What a component test needs from the app: the plugin registry, the real translations (inlined,
 * synchronous: components render real text, in English unless the test calls
 * `TestBed.inject(LanguageService).use('zh-CN')`), the icon set and the dialog defaults.
 */
export function provideConsoleTesting(): (Provider | EnvironmentProviders)[] {
  return [
    providePluginRegistry(consoleRegistry()),
    ...provideConsoleI18n(),
    provideConsoleIcons(),
    { provide: MAT_DIALOG_DEFAULT_OPTIONS, useValue: DIALOG_DEFAULTS },
  ];
}

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/**
 * The text of a message (or messages, joined by the language's separator) as the console shows it,
 * without Angular: for tests of pure code that returns {@link I18nMessage}s. Throws on an unknown key.
 */
export function textOf(message: I18nMessage | readonly I18nMessage[], lang: ConsoleLanguage = 'en'): string {
  const translations = consoleTranslations(lang, consoleRegistry());
  if (Array.isArray(message)) {
    return (message as readonly I18nMessage[]).map((m) => textOf(m, lang)).join(String(lookup(translations, 'common.listSeparator')));
  }
  const { key, params } = message as I18nMessage;
  const template = lookup(translations, key);
  if (typeof template !== 'string') throw new Error(`no ${lang} translation for "${key}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = params?.[name];
    return typeof value === 'number' ? formatNumber(value, lang) : String(value ?? '');
  });
}
