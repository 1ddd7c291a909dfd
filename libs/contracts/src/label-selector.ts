import { formatRequirement, LabelRequirement, Labels, requirementMatches } from './label-requirement';
import { LabelSelectorError, LabelSelectorParser } from './label-selector-parser';

/** A parsed label selector: every requirement must hold; no requirements = everything. */
export interface LabelSelector {
  /** The requirements sorted by key (stable), as apimachinery's `labels.Parse` returns them. */
  readonly requirements: readonly LabelRequirement[];
  /** Selector.Matches. */
  matches(labels: Labels): boolean;
  /** Selector.String(): the canonical form, e.g. `env=prod,tier in (api,web)`. */
  toString(): string;
}

/** Selector over already-valid requirements (e.g. from a metav1 LabelSelector), sorted by key. */
export function labelSelectorOf(requirements: readonly LabelRequirement[]): LabelSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: sorted,
    matches: (labels) => sorted.every((r) => requirementMatches(r, labels)),
    toString: () => sorted.map(formatRequirement).join(','),
  };
}

/**
 * Parses a label selector in the string syntax of `kubectl -l` and the API's `labelSelector`
 * parameter, accepting and refusing exactly what apimachinery's `labels.Parse`
 * (k8s.io/apimachinery/pkg/labels/selector.go) does: requirements separated by `,` and ANDed;
 * `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)` (`()` and empty
 * items mean the value ""), `key>n`, `key<n` (n an int64 that is also a valid label value, so not
 * negative); whitespace is space, tab, CR, LF; keys are qualified names and values label values
 * (libs/contracts k8s-names). Empty or blank = everything. One deliberate difference: a NUL
 * character is refused, where apimachinery's lexer stops reading there (see lexLabelSelector).
 * @throws LabelSelectorError with the 0-based position of the offending token and the problem.
 */
export function parseLabelSelector(source: string): LabelSelector {
  return labelSelectorOf(new LabelSelectorParser(source).parse());
}

/** What is wrong with a selector, for a form that checks it as it is typed; null = it parses. */
export interface LabelSelectorProblem {
  /** 0-based index of the offending token (UTF-16 code units; `length` = at the end). */
  position: number;
  problem: string;
}

/** {@link parseLabelSelector} without the throw: the problem of an invalid selector, or null. */
export function labelSelectorProblem(source: string): LabelSelectorProblem | null {
  try {
    new LabelSelectorParser(source).parse();
    return null;
  } catch (err) {
    if (err instanceof LabelSelectorError) return { position: err.position, problem: err.problem };
    throw err;
  }
}
