import {
  componentTemplates,
  expressionLiterals,
  relativeToSrc,
  templateParts,
  type ComponentTemplate,
} from '../../testing/source-scan';

/**
 * No text in a component template bypasses translation: static text, the static parts of
 * interpolations, string literals shown by an interpolation, and user-visible attributes (title,
 * placeholder, aria-label, tooltips, labels...) must come from the `transloco`/`i18n` pipes or
 * from data. Allowed literally: whitespace and the symbols below (punctuation that reads the same
 * in every language, used between translated parts). Add a symbol only if no language would
 * write it differently; never add a word.
 */
const ALLOWED_SYMBOLS = new Set([...'=·—–-/:(),.+#…✓✗×|→;%', "'", '"']);

/** Attributes a user sees or hears. `*Class`, id references and data-* are not text. */
const VISIBLE_ATTRIBUTE = /^(attr\.)?(title|placeholder|alt|label|aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|mattooltip|.*(label|title|text|tooltip|placeholder|hint|message|caption|description))$/i;
const NOT_TEXT_ATTRIBUTE = /(class|labelledby|describedby|testid)$/i;

function isAllowed(text: string): boolean {
  return [...text].every((c) => /\s/.test(c) || ALLOWED_SYMBOLS.has(c));
}

function visible(name: string): boolean {
  return VISIBLE_ATTRIBUTE.test(name) && !NOT_TEXT_ATTRIBUTE.test(name) && !name.startsWith('data-');
}

/** Literal text a template shows without translating it, as `file: "text"` lines. */
function untranslated(template: ComponentTemplate): string[] {
  const parts = templateParts(template);
  const found: string[] = [...parts.errors];
  const report = (text: string, where: string): void => {
    if (!isAllowed(text)) found.push(`${relativeToSrc(template.file)}: ${where} ${JSON.stringify(text.trim())}`);
  };
  for (const text of parts.texts) report(text, 'text');
  for (const interpolation of parts.interpolations) {
    for (const s of interpolation.strings) report(s, 'text');
    for (const l of interpolation.expressions.flatMap((e) => expressionLiterals(e))) {
      if (!l.isKey && !l.compared) report(l.value, 'literal');
    }
  }
  for (const a of parts.attributes) if (visible(a.name)) report(a.value, `${a.name}=`);
  for (const b of parts.bindings) {
    if (!visible(b.name)) continue;
    for (const l of expressionLiterals(b.value)) if (!l.isKey && !l.compared) report(l.value, `[${b.name}]`);
  }
  return found;
}

describe('component templates', () => {
  const templates = componentTemplates();

  it('are all found (inline and templateUrl)', () => {
    expect({ inline: templates.some((t) => t.inline), files: templates.some((t) => !t.inline), many: templates.length > 20 }).toEqual({
      inline: true,
      files: true,
      many: true,
    });
  });

  it('show no literal text: everything visible goes through translation', () => {
    expect(templates.flatMap(untranslated)).toEqual([]);
  });

  it('would catch literal text, a literal tooltip and an untranslated literal in an interpolation', () => {
    const probe: ComponentTemplate = {
      file: 'probe.html',
      inline: true,
      text: `<p>Nodes</p><b matTooltip="Refresh">=</b><i>{{ ok ? 'Live' : '—' }}</i><u>{{ 'nodes.page.title' | transloco }}</u>
        <s [attr.aria-label]="'Close'"></s><em>{{ phase() === 'waiting' ? 'x.y' : 'z' }} ago</em>`,
    };
    expect(untranslated(probe).map((l) => l.replace(/^.*?: /, ''))).toEqual([
      'text "Nodes"',
      'literal "Live"',
      'text "ago"',
      'literal "x.y"',
      'literal "z"',
      'matTooltip= "Refresh"',
      '[aria-label] "Close"',
    ]);
  });
});
