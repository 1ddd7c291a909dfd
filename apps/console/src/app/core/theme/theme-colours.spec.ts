import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SRC_DIR,
  componentTemplates,
  expressionLiterals,
  inlineComponentStyles,
  relativeToSrc,
  sourceFiles,
  templateParts,
} from '../../testing/source-scan';

/**
 * Colours live in one file, styles/_theme.scss (Material 3 tokens via mat.theme with
 * `color-scheme`, plus the console's --knm-* roles). Anywhere else a colour literal would stay the
 * same in dark mode: stylesheets, inline component styles and style bindings must use
 * var(--mat-sys-*) / var(--knm-*).
 */
const THEME_FILE = join(SRC_DIR, 'styles', '_theme.scss');

const COLOUR_LITERAL =
  /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|:[^;{}]*\b(white|black|red|green|blue|gr[ae]y|orange|yellow|purple|pink|brown|navy|teal|silver|maroon)\b/gi;

function colourLiterals(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(COLOUR_LITERAL)].map((m) => m[0].trim());
}

describe('theme colours', () => {
  it('are defined only in the theme file: no colour literal in stylesheets', () => {
    const sheets = sourceFiles(SRC_DIR, ['.scss', '.css']).filter((f) => f !== THEME_FILE);
    expect(sheets.length).toBeGreaterThan(5);
    expect(sheets.flatMap((f) => colourLiterals(readFileSync(f, 'utf8')).map((c) => `${relativeToSrc(f)}: ${c}`))).toEqual([]);
  });

  it('are defined only in the theme file: no colour literal in inline component styles', () => {
    const styles = inlineComponentStyles();
    expect(styles.length).toBeGreaterThan(5);
    expect(styles.flatMap((s) => colourLiterals(s.text).map((c) => `${relativeToSrc(s.file)}: ${c}`))).toEqual([]);
  });

  it('are defined only in the theme file: no colour literal in template style attributes or bindings', () => {
    const found = componentTemplates().flatMap((t) => {
      const parts = templateParts(t);
      const styles = [
        ...parts.attributes.filter((a) => a.name === 'style').map((a) => a.value),
        ...parts.bindings
          .filter((b) => /^style\b|^attr\.style$/.test(b.name))
          .map((b) => expressionLiterals(b.value).map((l) => l.value).join(' ')),
      ];
      return styles.flatMap((s) => colourLiterals(`:${s}`).map((c) => `${relativeToSrc(t.file)}: ${c}`));
    });
    expect(found).toEqual([]);
  });

  it('would catch hex, rgb() and named colours', () => {
    expect(colourLiterals('.a { color: #2e7d32; background: rgb(0 0 0 / 50%); border: 1px solid white; } // #fff in a comment')).toEqual([
      '#2e7d32',
      'rgb(',
      ': 1px solid white',
    ]);
  });

  it('the theme follows the system and lets data-theme force light or dark', () => {
    const theme = readFileSync(THEME_FILE, 'utf8');
    expect([/color-scheme:\s*light dark/, /theme-type:\s*color-scheme/, /\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark/].map((re) => re.test(theme))).toEqual([
      true,
      true,
      true,
    ]);
  });
});
