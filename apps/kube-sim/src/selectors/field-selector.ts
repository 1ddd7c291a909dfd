import type { KubeObject } from '../api/types';

/** Thrown for a field selector that does not parse or names an unsupported field; the API answers 400 BadRequest with its message. */
export class SelectorParseError extends Error {}

/** One `field=value` / `field!=value` term of a field selector. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Reads a supported field of an object as the string the field selector compares. */
export type FieldGetter = (obj: KubeObject) => string;

/**
 * Parses a field selector (`a=b,c!=d,e==f`, backslash escapes for `\`, `,` and `=`), as
 * k8s.io/apimachinery/pkg/fields/selector.go, and checks every field is one the resource supports.
 * @throws SelectorParseError for bad syntax or `field label not supported: <field>` (the apiserver's 400).
 */
export function parseFieldSelector(text: string | undefined, supported: ReadonlyMap<string, FieldGetter>): FieldRequirement[] {
  if (text === undefined || text.trim() === '') return [];
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((term) => {
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1].trim();
    if (!supported.has(field)) throw new SelectorParseError(`field label not supported: ${field}`);
    return { field, operator: m[2] === '!=' ? '!=' : '=', value: m[3].trim().replace(/\\(.)/g, '$1') };
  });
}

/** True when every requirement holds for `obj`. */
export function matchesFieldSelector(reqs: readonly FieldRequirement[], supported: ReadonlyMap<string, FieldGetter>, obj: KubeObject): boolean {
  for (const r of reqs) {
    const actual = (supported.get(r.field) as FieldGetter)(obj);
    if ((actual === r.value) !== (r.operator === '=')) return false;
  }
  return true;
}
