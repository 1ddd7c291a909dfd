import { isCollection, parseDocument, visit } from 'yaml';
import type { FieldViolation } from '@knm/contracts';

/** Longest kubeconfig text parsed, in UTF-16 code units (the API's documented kubeconfig limit). */
export const KUBECONFIG_MAX_CHARS = 1_000_000;
/** Deepest nesting of mappings and sequences accepted; a kubeconfig needs about 7 (users[].user.exec.env[].name). */
export const KUBECONFIG_MAX_DEPTH = 32;
/**
 * Alias budget handed to the yaml library (ToJSOptions.maxAliasCount): it bounds how much aliases
 * may expand the document (billion-laughs). Kubeconfigs rarely use aliases at all.
 */
export const KUBECONFIG_MAX_ALIAS_COUNT = 50;

/** A parsed kubeconfig document (plain JS data: objects, arrays, strings, numbers, booleans, null), or why not. */
export type YamlOutcome = { ok: true; value: unknown } | { ok: false; violation: FieldViolation };

const refuse = (field: string, rule: string): YamlOutcome => ({ ok: false, violation: { field, rule } });

/** Nesting depth of the document's collections, stopping as soon as it exceeds `max`. */
function tooDeep(doc: ReturnType<typeof parseDocument>, max: number): boolean {
  let deep = false;
  visit(doc, (_key, node, path) => {
    if (!isCollection(node)) return undefined;
    if (path.filter((p) => isCollection(p)).length + 1 > max) {
      deep = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return deep;
}

/**
 * Parses kubeconfig YAML with bounds, never throwing: at most {@link KUBECONFIG_MAX_CHARS}, one
 * document, string keys only, unique keys, no merge keys (YAML 1.2 core schema), no tags other
 * than the core ones, nesting at most {@link KUBECONFIG_MAX_DEPTH}, aliases within
 * {@link KUBECONFIG_MAX_ALIAS_COUNT}; an alias to a missing anchor is refused. Every refusal is
 * a violation of `field` (the request field the text came from, e.g. `kubeconfig`).
 * Mapping keys such as `__proto__` stay ordinary own keys (the yaml library defines them).
 */
export function parseKubeconfigYaml(text: string, field: string): YamlOutcome {
  if (text.length > KUBECONFIG_MAX_CHARS) return refuse(field, `must be at most ${KUBECONFIG_MAX_CHARS} characters`);
  if (text.trim() === '') return refuse(field, 'is empty');
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      merge: false,
      resolveKnownTags: false,
      stringKeys: true,
      uniqueKeys: true,
      strict: true,
      prettyErrors: true,
    });
  } catch (err) {
    return refuse(field, `cannot be parsed: ${errorText(err)}`);
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    if (problem.code === 'RESOURCE_EXHAUSTION') return refuse(field, `nests deeper than ${KUBECONFIG_MAX_DEPTH} levels`);
    const where = problem.linePos ? ` (line ${problem.linePos[0].line}, column ${problem.linePos[0].col})` : '';
    return refuse(field, `not valid YAML${where}: ${problem.message.split(/ at line \d+/)[0]}`);
  }
  try {
    if (tooDeep(doc, KUBECONFIG_MAX_DEPTH)) return refuse(field, `nests deeper than ${KUBECONFIG_MAX_DEPTH} levels`);
    return { ok: true, value: doc.toJS({ maxAliasCount: KUBECONFIG_MAX_ALIAS_COUNT }) };
  } catch (err) {
    return refuse(field, aliasRule(err));
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

/** The yaml library throws ReferenceError for unresolved aliases and alias bombs, RangeError for stack exhaustion. */
function aliasRule(err: unknown): string {
  const message = errorText(err);
  if (err instanceof RangeError) return `nests deeper than ${KUBECONFIG_MAX_DEPTH} levels`;
  if (/Excessive alias count/.test(message)) return `expands its aliases beyond the limit of ${KUBECONFIG_MAX_ALIAS_COUNT} (an alias bomb?)`;
  if (/Unresolved alias/.test(message)) return `has an alias to an anchor that is not defined before it: ${message.replace(/^.*: /, '*')}`;
  return `cannot be read: ${message}`;
}
