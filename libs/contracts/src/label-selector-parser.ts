import { labelKeyViolations } from './k8s-names';
import { BINARY_SELECTOR_OPERATORS, LabelRequirement, requirementValueProblems, SelectorOperator, valueSet } from './label-requirement';

/**
 * A label selector that does not parse. `position` is the 0-based index (UTF-16 code unit, as a
 * text input counts) of the token where the problem is (`selector.length` = at the end);
 * `problem` is apimachinery's wording where it has one (selector.go's "found '…', expected: …").
 */
export class LabelSelectorError extends Error {
  constructor(
    readonly selector: string,
    readonly position: number,
    readonly problem: string,
  ) {
    super(`invalid label selector "${selector}" at position ${position}: ${problem}`);
    this.name = 'LabelSelectorError';
  }
}

/** Token kinds of selector.go's Lexer (`in`/`notin` are keywords; elsewhere everything is an identifier). */
export type SelectorTokenKind = 'identifier' | 'eos' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin';

export interface SelectorToken {
  kind: SelectorTokenKind;
  text: string;
  position: number;
}

/** selector.go isWhitespace: only these four separate tokens (not \v, \f or non-ASCII spaces). */
const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
/** selector.go isSpecialSymbol. */
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

/**
 * Splits a selector into tokens as selector.go's Lexer does: whitespace separates; a special
 * symbol run yields the longest token (`==`, `!=`, else one symbol); anything else up to a special
 * symbol or whitespace is an identifier, `in`/`notin` as keywords. Ends with an `eos` token.
 * A NUL character is refused (apimachinery's lexer takes it as the end of the string and ignores
 * what follows; we do not, so nothing after it is silently dropped).
 * @throws LabelSelectorError at the NUL character.
 */
export function lexLabelSelector(source: string): SelectorToken[] {
  const nul = source.indexOf('\0');
  if (nul >= 0) throw new LabelSelectorError(source, nul, 'found a NUL character, which is not allowed in a label selector');
  const tokens: SelectorToken[] = [];
  let i = 0;
  for (;;) {
    while (i < source.length && isWhitespace(source[i])) i++;
    if (i >= source.length) break;
    const start = i;
    if (isSpecial(source[i])) {
      const two = source.slice(i, i + 2);
      const text = two === '==' || two === '!=' ? two : source[i];
      tokens.push({ kind: text as SelectorTokenKind, text, position: start });
      i += text.length;
      continue;
    }
    while (i < source.length && !isSpecial(source[i]) && !isWhitespace(source[i])) i++;
    const text = source.slice(start, i);
    tokens.push({ kind: text === 'in' || text === 'notin' ? text : 'identifier', text, position: start });
  }
  tokens.push({ kind: 'eos', text: '', position: source.length });
  return tokens;
}

const OPERATOR_OF_TOKEN: Partial<Record<SelectorTokenKind, SelectorOperator>> = {
  in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt',
};

/** A value as parsed: text and where it stands (an empty value stands at the token after it). */
type ValueToken = Pick<SelectorToken, 'text' | 'position'>;

/**
 * Recursive descent over the tokens with selector.go's productions, lookahead contexts (in the
 * "values" context `in`/`notin` are identifiers, so `in=in` and `x in (in)` parse) and messages.
 */
export class LabelSelectorParser {
  private index = 0;
  private readonly tokens: SelectorToken[];

  constructor(private readonly source: string) {
    this.tokens = lexLabelSelector(source);
  }

  /** The requirements in source order. @throws LabelSelectorError */
  parse(): LabelRequirement[] {
    const out: LabelRequirement[] = [];
    for (;;) {
      const tok = this.lookahead();
      if (tok.kind === 'eos') return out;
      if (tok.kind !== 'identifier' && tok.kind !== '!') this.fail(tok, `found '${tok.text}', expected: !, identifier, or 'end of string'`);
      out.push(this.parseRequirement());
      const after = this.consume();
      if (after.kind === 'eos') return out;
      if (after.kind !== ',') this.fail(after, `found '${after.text}', expected: ',' or 'end of string'`);
      const next = this.lookahead();
      if (next.kind !== 'identifier' && next.kind !== '!') this.fail(next, `found '${next.text}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): LabelRequirement {
    let tok = this.consume();
    const negated = tok.kind === '!';
    if (negated) tok = this.consume();
    if (tok.kind !== 'identifier') this.fail(tok, `found '${tok.text}', expected: identifier`);
    const key = tok.text;
    const keyProblems = labelKeyViolations(key);
    if (keyProblems.length) this.fail(tok, `invalid label key "${key}": ${keyProblems.join('; ')}`);
    if (negated) return { key, operator: '!', values: [] };
    const ahead = this.lookahead();
    if (ahead.kind === 'eos' || ahead.kind === ',') return { key, operator: 'exists', values: [] };
    const opTok = this.consume('operator');
    const operator = OPERATOR_OF_TOKEN[opTok.kind];
    if (!operator) return this.fail(opTok, `found '${opTok.text}', expected: ${BINARY_SELECTOR_OPERATORS.join(', ')}`);
    const tokens = operator === 'in' || operator === 'notin' ? this.parseValueSet() : [this.parseExactValue()];
    const values = valueSet(tokens.map((t) => t.text));
    const [problem] = requirementValueProblems(key, operator, values);
    if (problem) this.fail(tokens.find((t) => t.text === values[problem.index ?? 0]) ?? opTok, problem.rule);
    return { key, operator, values };
  }

  /** `(a,b)`; `()` is the set {""}, and an empty item beside a comma is "" (parseValues). */
  private parseValueSet(): ValueToken[] {
    const open = this.consume();
    if (open.kind !== '(') this.fail(open, `found '${open.text}' expected: '('`);
    const first = this.lookahead();
    if (first.kind === ')') return [{ text: '', position: this.consume().position }];
    if (first.kind !== 'identifier' && first.kind !== ',') this.fail(first, `found '${first.text}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiersList();
    this.consume(); // the ')' parseIdentifiersList stopped at
    return values;
  }

  /** parseIdentifiersList: stops before the closing ')'. */
  private parseIdentifiersList(): ValueToken[] {
    const values: ValueToken[] = [];
    for (;;) {
      const tok = this.consume();
      if (tok.kind === 'identifier') {
        values.push(tok);
        const next = this.lookahead();
        if (next.kind === ')') return values;
        if (next.kind !== ',') this.fail(next, `found '${next.text}', expected: ',' or ')'`);
      } else if (tok.kind === ',') {
        if (values.length === 0) values.push({ text: '', position: tok.position });
        const next = this.lookahead();
        if (next.kind === ',' || next.kind === ')') values.push({ text: '', position: next.position });
        if (next.kind === ')') return values;
      } else {
        this.fail(tok, `found '${tok.text}', expected: ',', or identifier`);
      }
    }
  }

  /** One value after `=`, `==`, `!=`, `>`, `<`; nothing before `,` or the end is "". */
  private parseExactValue(): ValueToken {
    const ahead = this.lookahead();
    if (ahead.kind === 'eos' || ahead.kind === ',') return { text: '', position: ahead.position };
    const tok = this.consume();
    if (tok.kind !== 'identifier') this.fail(tok, `found '${tok.text}', expected: identifier`);
    return tok;
  }

  /** The next token; outside the operator position `in`/`notin` read as identifiers. */
  private lookahead(context: 'values' | 'operator' = 'values'): SelectorToken {
    const tok = this.tokens[this.index];
    return context === 'values' && (tok.kind === 'in' || tok.kind === 'notin') ? { ...tok, kind: 'identifier' } : tok;
  }

  private consume(context: 'values' | 'operator' = 'values'): SelectorToken {
    const tok = this.lookahead(context);
    if (tok.kind !== 'eos') this.index++;
    return tok;
  }

  private fail(tok: ValueToken, problem: string): never {
    throw new LabelSelectorError(this.source, tok.position, problem);
  }
}
