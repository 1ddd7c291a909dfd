import { ErrorCode, labelKeyViolations, labelValueViolations } from '@knm/contracts';
import { DomainError } from '@knm/common';

/**
 * Label selectors in kubectl syntax, mirroring k8s.io/apimachinery/pkg/labels/selector.go:
 * `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`, `key` (exists), `!key`
 * (does not exist), `key>3` / `key<3` (integer comparison), comma-separated requirements ANDed.
 * Keys follow IsQualifiedName and values IsValidLabelValue (libs/contracts k8s-names).
 */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a selector. `values` is sorted and de-duplicated (a set, as in Kubernetes). */
export interface Requirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** A parsed selector: every requirement must hold. Empty = matches everything. */
export interface LabelSelector {
  readonly source: string;
  readonly requirements: readonly Requirement[];
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/** 400 INVALID_SELECTOR; `details.position` is the 0-based character index where the problem is. */
export class InvalidSelectorError extends DomainError {
  constructor(selector: string, position: number, problem: string) {
    super(ErrorCode.InvalidSelector, `invalid label selector "${selector}" at position ${position}: ${problem}`, {
      selector,
      position,
      problem,
    });
  }
}

type TokenKind = 'identifier' | 'eos' | ',' | '(' | ')' | '!' | '=' | '==' | '!=' | '>' | '<';

interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const SPECIAL = '=!(),><';
const TWO_CHAR = new Set(['==', '!=']);

/** Splits the selector into tokens (selector.go Lexer): special symbols, identifiers, whitespace separators. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (SPECIAL.includes(ch)) {
      const two = source.slice(i, i + 2);
      const text = TWO_CHAR.has(two) ? two : ch;
      tokens.push({ kind: text as TokenKind, text, position: i });
      i += text.length;
    } else {
      const start = i;
      while (i < source.length && !SPECIAL.includes(source[i]) && !/\s/.test(source[i])) i++;
      tokens.push({ kind: 'identifier', text: source.slice(start, i), position: start });
    }
  }
  tokens.push({ kind: 'eos', text: '', position: source.length });
  return tokens;
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Recursive-descent parser with the same productions and error texts as selector.go's Parser. */
class SelectorParser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === 'eos') return requirements;
      if (tok.kind !== 'identifier' && tok.kind !== '!') {
        this.fail(tok, `found '${tok.text}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.parseRequirement());
      const after = this.next();
      if (after.kind === 'eos') return requirements;
      if (after.kind !== ',') this.fail(after, `found '${after.text}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== '!') {
        this.fail(following, `found '${following.text}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let tok = this.next();
    const negated = tok.kind === '!';
    if (negated) tok = this.next();
    if (tok.kind !== 'identifier') this.fail(tok, `found '${tok.text}', expected: identifier`);
    const key = tok.text;
    this.checkKey(tok);
    const ahead = this.peek();
    if (ahead.kind === 'eos' || ahead.kind === ',') {
      return { key, operator: negated ? '!' : 'exists', values: [] };
    }
    if (negated) this.fail(ahead, `found '${ahead.text}', expected: ',' or 'end of string'`);
    const opTok = this.next();
    const operator = this.toOperator(opTok);
    const values = operator === 'in' || operator === 'notin' ? this.parseValueSet() : this.parseExactValue();
    this.checkValues(operator, values);
    return { key, operator, values: [...new Set(values.map((v) => v.text))].sort() };
  }

  private toOperator(tok: Token): SelectorOperator {
    if (tok.kind === 'identifier' && (tok.text === 'in' || tok.text === 'notin')) return tok.text;
    if (tok.kind === '=' || tok.kind === '==' || tok.kind === '!=') return tok.kind;
    if (tok.kind === '>') return 'gt';
    if (tok.kind === '<') return 'lt';
    return this.fail(tok, `found '${tok.text}', expected: ${BINARY_OPERATORS}`);
  }

  /** `(a,b)`; `()` is the set {""} and empty items between commas are "" (as in selector.go). */
  private parseValueSet(): Token[] {
    const open = this.next();
    if (open.kind !== '(') this.fail(open, `found '${open.text}', expected: '('`);
    const values: Token[] = [];
    let expectValue = true;
    for (;;) {
      const tok = this.next();
      if (tok.kind === ')') {
        if (expectValue) values.push({ kind: 'identifier', text: '', position: tok.position });
        return values;
      }
      if (tok.kind === ',') {
        if (expectValue) values.push({ kind: 'identifier', text: '', position: tok.position });
        expectValue = true;
      } else if (tok.kind === 'identifier' && expectValue) {
        values.push(tok);
        expectValue = false;
      } else {
        this.fail(tok, expectValue ? `found '${tok.text}', expected: ',', ')' or identifier` : `found '${tok.text}', expected: ',' or ')'`);
      }
    }
  }

  /** One value after `=`, `==`, `!=`, `>`, `<`; nothing before `,`/end means the empty value. */
  private parseExactValue(): Token[] {
    const ahead = this.peek();
    if (ahead.kind === 'eos' || ahead.kind === ',') return [{ kind: 'identifier', text: '', position: ahead.position }];
    const tok = this.next();
    if (tok.kind !== 'identifier') this.fail(tok, `found '${tok.text}', expected: identifier`);
    return [tok];
  }

  private checkKey(tok: Token): void {
    const problems = labelKeyViolations(tok.text);
    if (problems.length) this.fail(tok, `invalid label key "${tok.text}": ${problems.join('; ')}`);
  }

  private checkValues(operator: SelectorOperator, values: Token[]): void {
    if (operator === 'gt' || operator === 'lt') {
      const v = values[0];
      if (!/^[+-]?\d+$/.test(v.text)) this.fail(v, `for 'gt', 'lt' operators, the value must be an integer, got "${v.text}"`);
      return;
    }
    for (const v of values) {
      const problems = labelValueViolations(v.text);
      if (problems.length) this.fail(v, `invalid label value "${v.text}": ${problems.join('; ')}`);
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const tok = this.tokens[this.index];
    if (tok.kind !== 'eos') this.index++;
    return tok;
  }

  private fail(tok: Token, problem: string): never {
    throw new InvalidSelectorError(this.source, tok.position, problem);
  }
}

/** True when `labels` satisfies one requirement (selector.go Requirement.Matches). */
export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
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
      if (!has || !/^[+-]?\d+$/.test(value!)) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      return r.operator === 'gt' ? n > bound : n < bound;
    }
  }
}

/**
 * Parses a kubectl-syntax label selector. Empty or blank = everything.
 * @throws InvalidSelectorError (400 INVALID_SELECTOR) naming the 0-based position and the problem.
 */
export function parseLabelSelector(source: string): LabelSelector {
  const requirements = new SelectorParser(source, tokenize(source)).parse();
  return {
    source,
    requirements,
    matches: (labels) => requirements.every((r) => requirementMatches(r, labels)),
  };
}
