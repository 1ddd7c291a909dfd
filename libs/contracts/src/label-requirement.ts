import type { FieldViolation } from './errors';
import { labelKeyViolations, labelValueViolations } from './k8s-names';

/**
 * Requirement operators, spelled as k8s.io/apimachinery/pkg/selection (operator.go): `exists` is
 * a bare key, `!` is `!key` (DoesNotExist), `gt`/`lt` are `key>n`/`key<n`.
 */
export const SELECTOR_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'] as const;
export type SelectorOperator = (typeof SELECTOR_OPERATORS)[number];

/** The binary operators in the order apimachinery names them in its "expected:" errors. */
export const BINARY_SELECTOR_OPERATORS: readonly SelectorOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/**
 * One requirement of a label selector. `values` is a set: sorted (by UTF-16 code unit, which is
 * byte order for the ASCII that label values allow) and without duplicates; empty for `exists`
 * and `!`; one value for `=`, `==`, `!=`, `gt`, `lt`; one or more for `in`, `notin`.
 */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** Labels of an object; `undefined` = no labels. */
export type Labels = Readonly<Record<string, string>> | undefined;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(text, 10, 64): optional sign, decimal digits, within int64; else null. */
export function parseInt64(text: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? null : value;
}

/** A rule one value (by index in the sorted set) or the whole set (index null) breaks. */
export interface RequirementValueProblem {
  index: number | null;
  field: string;
  rule: string;
}

/** NewRequirement's operator rules (k8s.io/apimachinery/pkg/labels/selector.go), in its order. */
function operatorProblems(operator: SelectorOperator, values: readonly string[]): RequirementValueProblem[] {
  switch (operator) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [{ index: null, field: 'values', rule: "for 'in', 'notin' operators, values set can't be empty" }] : [];
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? [{ index: null, field: 'values', rule: 'exact-match compatibility requires one single value' }] : [];
    case 'exists':
    case '!':
      return values.length !== 0 ? [{ index: null, field: 'values', rule: 'values set must be empty for exists and does not exist' }] : [];
    case 'gt':
    case 'lt': {
      const out: RequirementValueProblem[] = [];
      if (values.length !== 1) out.push({ index: null, field: 'values', rule: "for 'Gt', 'Lt' operators, exactly one value is required" });
      values.forEach((v, index) => {
        if (parseInt64(v) === null) out.push({ index, field: `values[${index}]`, rule: `for 'Gt', 'Lt' operators, the value must be an integer, got "${v}"` });
      });
      return out;
    }
  }
}

/**
 * The value rules of NewRequirement for `values` (already a sorted set): the operator's rules,
 * then every value as a label value (IsValidLabelValue, also for `gt`/`lt`, so `-1` is refused).
 */
export function requirementValueProblems(key: string, operator: SelectorOperator, values: readonly string[]): RequirementValueProblem[] {
  const out = operatorProblems(operator, values);
  values.forEach((v, index) => {
    const problems = labelValueViolations(v);
    if (problems.length) out.push({ index, field: `values[${index}][${key}]`, rule: `invalid label value "${v}": ${problems.join('; ')}` });
  });
  return out;
}

/**
 * Every rule a requirement breaks, as apimachinery's `labels.NewRequirement` checks them (key as
 * a qualified name, operator known, value count per operator, `gt`/`lt` values int64, values as
 * label values). Field paths follow its field.ErrorList (`key`, `operator`, `values`,
 * `values[0]`, `values[0][<key>]`). Empty = valid. `values` are taken as given (a set is expected).
 */
export function requirementViolations(key: string, operator: string, values: readonly string[]): FieldViolation[] {
  const out: FieldViolation[] = [];
  const keyProblems = labelKeyViolations(key);
  if (keyProblems.length) out.push({ field: 'key', rule: `invalid label key "${key}": ${keyProblems.join('; ')}` });
  if (!(SELECTOR_OPERATORS as readonly string[]).includes(operator)) {
    out.push({ field: 'operator', rule: `unsupported operator "${operator}": supported values: ${SELECTOR_OPERATORS.join(', ')}` });
    return out;
  }
  return [...out, ...requirementValueProblems(key, operator as SelectorOperator, values).map(({ field, rule }) => ({ field, rule }))];
}

/** Sorted, de-duplicated copy of `values` (apimachinery's sets.String.List()). */
export function valueSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * True when `labels` satisfy the requirement (Requirement.Matches): `in`/`=`/`==` need the key
 * with one of the values; `notin`/`!=` hold when the key is absent or has another value;
 * `gt`/`lt` need the key with an int64 value strictly above/below the requirement's.
 */
export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      const actual = has ? parseInt64(value!) : null;
      const bound = r.values.length === 1 ? parseInt64(r.values[0]) : null;
      if (actual === null || bound === null) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const OPERATOR_TEXT: Record<SelectorOperator, string> = {
  in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<', exists: '', '!': '',
};

/** Requirement.String(): `!key`, `key`, `key=v`, `key in (a,b)`; values sorted. */
export function formatRequirement(r: LabelRequirement): string {
  if (r.operator === '!') return `!${r.key}`;
  if (r.operator === 'exists') return r.key;
  const values = [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`;
}
