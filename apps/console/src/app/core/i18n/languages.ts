/** The languages the console ships, with their names in their own language (shown as is in the menu). */
export const CONSOLE_LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
] as const;

export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number]['id'];

export const DEFAULT_LANGUAGE: ConsoleLanguage = 'en';
export const LANGUAGE_IDS: readonly ConsoleLanguage[] = CONSOLE_LANGUAGES.map((l) => l.id);

/** localStorage key of the language the user chose in the shell. */
export const LANGUAGE_STORAGE_KEY = 'knm.lang';

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}

/** Traditional-script Chinese tags: these readers get English rather than Simplified Chinese. */
const TRADITIONAL_CHINESE = /^zh-(hant|tw|hk|mo)\b/;

/**
 * The language to start in: the one the user chose (`stored`), else the first of the browser's
 * preferred languages (`navigator.languages`, BCP 47) the console has (any `zh` except Traditional
 * Chinese maps to `zh-CN`, any `en-*` to `en`), else English.
 */
export function pickLanguage(stored: string | null, preferred: readonly string[]): ConsoleLanguage {
  if (isConsoleLanguage(stored)) return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || (lower.startsWith('zh-') && !TRADITIONAL_CHINESE.test(lower))) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANGUAGE;
}
