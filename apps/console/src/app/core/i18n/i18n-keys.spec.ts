import type { Translation } from '@jsverse/transloco';
import { CONSOLE_PLUGINS } from '../../app.plugins';
import { consoleRegistry } from '../../testing/console-testing';
import {
  componentTemplates,
  expressionLiterals,
  keysInTypeScript,
  relativeToSrc,
  templateParts,
} from '../../testing/source-scan';
import { LANGUAGE_IDS } from './languages';
import { CORE_TRANSLATIONS, consoleTranslations } from './translation-loader';

/**
 * Every language has every key (a key missing in zh-CN would silently fall back to English), with
 * the same `{{params}}`; every key the code and the templates use exists. Fails with the list of
 * offending keys.
 */

function flatten(tree: Translation, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v as Translation, key)) out.set(kk, vv);
  }
  return out;
}

const params = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** The translation sources: the core's files and each plugin's, per language. */
const sources: { name: string; byLang: Record<string, Translation> }[] = [
  { name: 'core', byLang: CORE_TRANSLATIONS },
  ...CONSOLE_PLUGINS.map((p) => ({ name: `plugin ${p.id}`, byLang: p.translations as Record<string, Translation> })),
];

const english = flatten(consoleTranslations('en', consoleRegistry()));

describe('translations', () => {
  it.each(sources.map((s) => [s.name, s.byLang] as const))('%s: every language has exactly the English keys', (_, byLang) => {
    const en = [...flatten(byLang['en']).keys()].sort();
    const problems = LANGUAGE_IDS.filter((l) => l !== 'en').flatMap((lang) => {
      const other = flatten(byLang[lang] ?? {});
      const missing = en.filter((k) => !other.has(k)).map((k) => `${lang} lacks ${k}`);
      const extra = [...other.keys()].filter((k) => !en.includes(k)).map((k) => `${lang} has unknown ${k}`);
      return [...missing, ...extra];
    });
    expect(problems).toEqual([]);
  });

  it.each(sources.map((s) => [s.name, s.byLang] as const))('%s: every text is non-empty and has the English {{params}}', (_, byLang) => {
    const en = flatten(byLang['en']);
    const problems = LANGUAGE_IDS.flatMap((lang) =>
      [...flatten(byLang[lang] ?? {})].flatMap(([key, text]) => {
        if (text.trim() === '') return [`${lang} ${key} is empty`];
        const want = params(en.get(key) ?? '');
        return params(text).join() === want.join() ? [] : [`${lang} ${key} has {{${params(text)}}} instead of {{${want}}}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('has a text for every key the TypeScript code uses (msg, tk, plural, translate)', () => {
    const used = keysInTypeScript();
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((u) => !english.has(u.key)).map((u) => `${relativeToSrc(u.file)}: ${u.key}`)).toEqual([]);
  });

  it('has a text for every key a template passes to the transloco pipe', () => {
    const missing: string[] = [];
    let keys = 0;
    for (const template of componentTemplates()) {
      const parts = templateParts(template);
      const asts = [...parts.interpolations, ...parts.bindings.map((b) => b.value)];
      for (const literal of asts.flatMap((a) => expressionLiterals(a))) {
        if (!literal.isKey || literal.value === '') continue;
        keys++;
        if (!english.has(literal.value)) missing.push(`${relativeToSrc(template.file)}: ${literal.value}`);
      }
    }
    expect(keys).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
