/**
 * Translatable text built in TypeScript. Pure code (stores, form validators, text helpers) never
 * translates: it returns an {@link I18nMessage} (key + parameters) and the template that shows it
 * translates it (`{{ m | i18n }}`, core/i18n/i18n.pipe.ts), so the text follows a language switch.
 *
 * Keys are always written as string literals, as the first argument of `msg()`/`tk()` (or of
 * `translate()`), so the key check (i18n-keys.spec.ts) can find them. Never build a key by
 * concatenation: use a `Record<Value, I18nMessage>` with one literal per value instead.
 */

/** Values a translation interpolates (`{{name}}` in the JSON). Numbers are formatted with Intl. */
export type I18nParams = Readonly<Record<string, string | number>>;

/** A message to translate where it is shown. */
export interface I18nMessage {
  readonly key: string;
  readonly params?: I18nParams;
}

/** Builds an {@link I18nMessage}. `key` must be a string literal. */
export function msg(key: string, params?: I18nParams): I18nMessage {
  return params ? { key, params } : { key };
}

/**
 * Marks a string literal as a translation key (identity at run time). Use it where a key is stored
 * as data (plugin manifests, lookup tables) rather than shown right away.
 */
export function tk<K extends string>(key: K): K {
  return key;
}

/**
 * `one` for a count of exactly 1, else `other`, with `count` as a parameter. Both keys exist in every
 * language (Chinese has no plural forms: its `one` text repeats `other`).
 */
export function plural(count: number, one: string, other: string, params: I18nParams = {}): I18nMessage {
  return { key: count === 1 ? one : other, params: { ...params, count } };
}

export function isI18nMessage(value: unknown): value is I18nMessage {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}
