import { labelValueViolations, qualifiedNameViolations } from '@knm/contracts';
import type { LabelSelectorSpec } from '../api/types';

/** One parsed requirement; `values` is empty for Exists/DoesNotExist. */
export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';
  values: string[];
}

/** A parsed label selector: all requirements must hold. An empty list selects everything. */
export type LabelSelector = LabelRequirement[];

/** Thrown for a selector that does not parse; the API answers 400 BadRequest with its message. */
export class SelectorParseError extends Error {}

const OPERATOR_TOKENS = ['==', '!=', '=', '>', '<'];

/**
 * Parses a label selector string with the grammar of k8s.io/apimachinery/pkg/labels/selector.go:
 * `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`, `key>n`, `key<n`,
 * comma-separated. Keys must be qualified names and values valid label values.
 * @throws SelectorParseError naming the offending requirement.
 */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  if (text === undefined || text.trim() === '') return [];
  const out: LabelSelector = [];
  let pos = 0;
  const s = text;
  const skipSpace = (): void => {
    while (pos < s.length && /\s/.test(s[pos])) pos++;
  };
  const readWord = (): string => {
    skipSpace();
    const start = pos;
    while (pos < s.length && !/[\s,()=!<>]/.test(s[pos])) pos++;
    return s.slice(start, pos);
  };
  const fail = (msg: string): never => {
    throw new SelectorParseError(`unable to parse requirement: ${msg}`);
  };
  while (pos <= s.length) {
    skipSpace();
    let negated = false;
    if (s[pos] === '!') {
      negated = true;
      pos++;
    }
    const key = readWord();
    if (key === '') fail(`found '${s[pos] ?? 'EOS'}', expected: identifier`);
    checkKey(key, fail);
    skipSpace();
    let req: LabelRequirement;
    if (negated) {
      req = { key, operator: '!', values: [] };
    } else if (pos >= s.length || s[pos] === ',') {
      req = { key, operator: 'exists', values: [] };
    } else {
      const op = OPERATOR_TOKENS.find((t) => s.startsWith(t, pos));
      if (op) {
        pos += op.length;
        const value = readWord();
        if (op === '>' || op === '<') {
          if (!/^-?\d+$/.test(value)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
          req = { key, operator: op === '>' ? 'gt' : 'lt', values: [value] };
        } else {
          checkValue(value, fail);
          req = { key, operator: op === '!=' ? '!=' : '=', values: [value] };
        }
      } else {
        const word = readWord();
        if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
        req = { key, operator: word as 'in' | 'notin', values: readSet(fail) };
      }
    }
    out.push(req);
    skipSpace();
    if (pos >= s.length) break;
    if (s[pos] !== ',') fail(`found '${s[pos]}', expected: ',' or 'end of string'`);
    pos++;
  }
  return out;

  function readSet(failFn: (m: string) => never): string[] {
    skipSpace();
    if (s[pos] !== '(') failFn(`found '${s[pos] ?? 'EOS'}', expected: '('`);
    pos++;
    const values: string[] = [];
    for (;;) {
      const v = readWord();
      checkValue(v, failFn);
      values.push(v);
      skipSpace();
      if (s[pos] === ',') {
        pos++;
        continue;
      }
      if (s[pos] === ')') {
        pos++;
        break;
      }
      failFn(`found '${s[pos] ?? 'EOS'}', expected: ',', ')' or identifier`);
    }
    if (values.length === 1 && values[0] === '') failFn(`for 'in', 'notin' operators, values set can't be empty`);
    return values;
  }
}

function checkKey(key: string, fail: (m: string) => never): void {
  const v = qualifiedNameViolations(key);
  if (v.length) fail(`key: Invalid value: "${key}": ${v.join('; ')}`);
}

function checkValue(value: string, fail: (m: string) => never): void {
  const v = labelValueViolations(value);
  if (v.length) fail(`values[0]: Invalid value: "${value}": ${v.join('; ')}`);
}

/** True when `labels` satisfy every requirement (semantics of labels.Requirement.Matches). */
export function matchesLabelSelector(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.operator) {
      case '=':
      case 'in':
        if (!has || !r.values.includes(value as string)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value as string)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = Number(value);
        if (!has || !Number.isInteger(n)) return false;
        if (r.operator === 'gt' ? !(n > Number(r.values[0])) : !(n < Number(r.values[0]))) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * Converts a meta/v1 LabelSelector (matchLabels + matchExpressions) to requirements, like
 * metav1.LabelSelectorAsSelector. A missing selector selects nothing (returns null), an empty one everything.
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | undefined): LabelSelector | null {
  if (!spec) return null;
  const out: LabelSelector = [];
  for (const [key, value] of Object.entries(spec.matchLabels ?? {})) out.push({ key, operator: '=', values: [value] });
  for (const e of spec.matchExpressions ?? []) {
    const operator = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator];
    out.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return out;
}
