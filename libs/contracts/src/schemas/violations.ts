import { z } from 'zod';
import type { FieldViolation } from '../errors';

/**
 * A path segment naming a key of a JSON map (label key -> value, ...). Formatted `["app/x"]` in a
 * field path, where an object field is formatted `.field`. See {@link jsonMap}.
 */
export const mapKeySegment = (key: string): symbol => Symbol(key);

/**
 * Field path of a zod issue path below `base`: fields joined with `.`, array indexes as `[3]`,
 * map keys as `["app/x"]` (JSON string syntax, so any key is unambiguous): `params.set["a/b"]`,
 * `nodes[3]`, `params.add[0].effect`.
 */
export function fieldPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${JSON.stringify(segment.description ?? '')}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  object: 'a JSON object',
  record: 'a JSON object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function sizeRule(issue: Issue & { origin?: string }, bound: number | bigint, kind: 'least' | 'most'): string {
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  if (issue.origin === 'string' && kind === 'least' && Number(bound) === 1) return 'must not be empty';
  if (issue.origin === 'array' && kind === 'least' && Number(bound) === 1) return 'must have at least one item';
  const verb = unit ? (issue.origin === 'array' ? 'must have' : 'must be') : 'must be';
  return `${verb} ${kind === 'least' ? 'at least' : 'at most'} ${bound}${unit}`;
}

const list = (values: readonly unknown[]): string => values.map((v) => String(v)).join(', ');

/**
 * The rule a zod issue states, in the API's words ("must be a string", "must be one of label,
 * taint"). Used as the per-parse error map of {@link parseWith}, so schemas only spell out rules of
 * their own (Kubernetes name rules, cross-field rules).
 */
export function ruleOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${received(issue.input)}`;
    case 'too_small':
      return sizeRule(issue, issue.minimum, 'least');
    case 'too_big':
      return sizeRule(issue, issue.maximum, 'most');
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${list(issue.values)}`;
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options;
      return options?.length ? `must be one of ${list(options)}` : 'matches none of the allowed shapes';
    }
    case 'invalid_format':
      return issue.format === 'uuid' ? 'must be a UUID' : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    default:
      return issue.message ?? 'is not valid';
  }
}

/** How {@link violationsOf} names things: `root` for the value itself, the rule for unknown keys. */
export interface ViolationNaming {
  /** Field name of the whole value (path []), e.g. `body`. Default `body`. */
  root?: string;
  /** Prefix of every field, e.g. '' for a body, '' for a query (parameters are fields). */
  base?: string;
  /** Rule for an unknown key. Default `is not a known field`. */
  unknownKeyRule?: string;
}

/** Field violations of a failed parse: one per issue, one per unknown key (named by its path). */
export function violationsOf(error: z.ZodError, naming: ViolationNaming = {}): FieldViolation[] {
  const base = naming.base ?? '';
  const name = (path: readonly PropertyKey[]) => fieldPath(base, path) || (naming.root ?? 'body');
  return error.issues.flatMap((issue): FieldViolation[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: name([...issue.path, key]), rule: naming.unknownKeyRule ?? 'is not a known field' }));
    }
    return [{ field: name(issue.path), rule: issue.message }];
  });
}

/** Result of {@link parseWith}: the parsed value, or every violation. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; violations: FieldViolation[] };

/**
 * Parses `input` with `schema`, phrasing every rule with {@link ruleOf}. The same call validates
 * a request in the API and a form in the console, so both report the same fields and rules.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, naming: ViolationNaming = {}): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: (issue) => ruleOf(issue) });
  return result.success ? { ok: true, value: result.data } : { ok: false, violations: violationsOf(result.error, naming) };
}
