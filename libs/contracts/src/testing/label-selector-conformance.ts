/**
 * Label-selector conformance table: facts taken from apimachinery's own tests of its parser,
 * k8s.io/apimachinery/pkg/labels/selector_test.go (kubernetes/kubernetes
 * staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go; read at kubernetes/apimachinery
 * eed236ceee2c19c2753a3d93ac0631dc20750454), test by test, plus a few read from selector.go
 * itself (source `selector.go`). Cases only, no code: every user of our parser runs them
 * (libs/contracts, smart-cache's node query, kube-sim's list filtering over HTTP, the console's
 * selector check).
 *
 * Left out, as they test no parsing: TestEverything, TestSetMatches, TestNilMapIsValid,
 * TestSetIsEmpty, TestAdd, TestSafeSort, TestSetSelectorString, TestRequiresExactMatch,
 * TestValidatedSelectorFromSet, TestRequirementEqual, TestMatchesNothing; and the first case of
 * TestRequirementSelectorMatching (a zero-value Requirement, which has no string form).
 */
import type { Labels } from '../label-requirement';

/** One selector string and what apimachinery's labels.Parse makes of it. */
export interface SelectorCase {
  /** The selector_test.go test (or `selector.go` for a fact read from the parser's code). */
  from: string;
  selector: string;
  /** Selector.String() of the parse (requirements sorted by key, values sorted); null = Parse fails. */
  canonical: string | null;
  /** Label sets and whether the selector matches them (Selector.Matches). */
  matches?: readonly (readonly [Labels, boolean])[];
  /**
   * Set only where our parser does not do what apimachinery does: why. `canonical`/`matches`
   * then state what OUR parser does.
   */
  deviation?: string;
}

const FOO_BAR_BAZ_BLAH = { foo: 'bar', baz: 'blah' };

/** TestSelectorParse (good strings restring to themselves without spaces), TestDeterministicParse. */
const PARSE: SelectorCase[] = [
  ...['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'].map((selector) => ({
    from: 'TestSelectorParse', selector, canonical: selector.replace(/ /g, ''),
  })),
  ...['x=a||y=b', 'x==a==b', '!x=a', 'x<a'].map((selector) => ({ from: 'TestSelectorParse', selector, canonical: null })),
  { from: 'TestDeterministicParse', selector: 'x=a,a=x', canonical: 'a=x,x=a' },
  { from: 'TestDeterministicParse', selector: 'a=x,x=a', canonical: 'a=x,x=a' },
];

/** TestSelectorMatches (expectMatch / expectNoMatch). */
const MATCHES: SelectorCase[] = [
  { from: 'TestSelectorMatches', selector: '', canonical: '', matches: [[{ x: 'y' }, true]] },
  { from: 'TestSelectorMatches', selector: 'x=y', canonical: 'x=y', matches: [[{ x: 'y' }, true], [{ x: 'z' }, false]] },
  { from: 'TestSelectorMatches', selector: 'x=y,z=w', canonical: 'x=y,z=w', matches: [[{ x: 'y', z: 'w' }, true], [{ x: 'w', z: 'w' }, false]] },
  { from: 'TestSelectorMatches', selector: 'x!=y,z!=w', canonical: 'x!=y,z!=w', matches: [[{ x: 'z', z: 'a' }, true], [{ x: 'z', z: 'w' }, false]] },
  { from: 'TestSelectorMatches', selector: 'notin=in', canonical: 'notin=in', matches: [[{ notin: 'in' }, true]] },
  { from: 'TestSelectorMatches', selector: 'x', canonical: 'x', matches: [[{ x: 'z' }, true], [{ y: 'z' }, false]] },
  { from: 'TestSelectorMatches', selector: '!x', canonical: '!x', matches: [[{ y: 'z' }, true], [{ x: 'z' }, false]] },
  { from: 'TestSelectorMatches', selector: 'x>1', canonical: 'x>1', matches: [[{ x: '2' }, true], [{ x: '0' }, false]] },
  { from: 'TestSelectorMatches', selector: 'x<1', canonical: 'x<1', matches: [[{ x: '0' }, true], [{ x: '2' }, false]] },
  { from: 'TestSelectorMatches', selector: 'x=z', canonical: 'x=z', matches: [[{}, false]] },
  { from: 'TestSelectorMatches', selector: 'foo=bar', canonical: 'foo=bar', matches: [[FOO_BAR_BAZ_BLAH, true]] },
  { from: 'TestSelectorMatches', selector: 'baz=blah', canonical: 'baz=blah', matches: [[FOO_BAR_BAZ_BLAH, true]] },
  { from: 'TestSelectorMatches', selector: 'foo=bar,baz=blah', canonical: 'baz=blah,foo=bar', matches: [[FOO_BAR_BAZ_BLAH, true]] },
  { from: 'TestSelectorMatches', selector: 'foo=blah', canonical: 'foo=blah', matches: [[FOO_BAR_BAZ_BLAH, false]] },
  { from: 'TestSelectorMatches', selector: 'baz=bar', canonical: 'baz=bar', matches: [[FOO_BAR_BAZ_BLAH, false]] },
  { from: 'TestSelectorMatches', selector: 'foo=bar,foobar=bar,baz=blah', canonical: 'baz=blah,foo=bar,foobar=bar', matches: [[FOO_BAR_BAZ_BLAH, false]] },
];

const sp = (selector: string, canonical: string | null): SelectorCase => ({ from: 'TestSetSelectorParser', selector, canonical });

/** TestSetSelectorParser: `Out` written as its String(); Valid=false as null. */
const SET_SELECTOR_PARSER: SelectorCase[] = [
  sp('', ''),
  sp('\rx', 'x'),
  sp('this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'),
  sp('this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'),
  sp('0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'),
  sp('foo  in\t (abc)', 'foo in (abc)'),
  sp('x notin\n (abc)', 'x notin (abc)'),
  sp('x  notin\t\t\t(abc,def)', 'x notin (abc,def)'),
  sp('x in (abc,def)', 'x in (abc,def)'),
  sp('x in (abc,)', 'x in (,abc)'),
  sp('x in (abc,abc)', 'x in (abc)'),
  sp('x in ()', 'x in ()'),
  sp('x in (a,,)', 'x in (,a)'),
  sp('x in (a,,,)', 'x in (,a)'),
  sp('x in (a,,,,,,)', 'x in (,a)'),
  sp('x in (a,,a,,a,,a,,)', 'x in (,a)'),
  sp('x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'),
  sp('x,y in (a)', 'x,y in (a)'),
  sp('x=a', 'x=a'),
  sp('x>1', 'x>1'),
  sp('x<7', 'x<7'),
  sp('x=a,y!=b', 'x=a,y!=b'),
  sp('x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'),
  sp('x=a||y=b', null),
  sp('x,,y', null),
  sp(',x,y', null),
  sp('x nott in (y)', null),
  sp('x notin ( )', 'x notin ()'),
  sp('x notin (, a)', 'x notin (,a)'),
  sp('a in (xyz),', null),
  sp('a in (xyz)b notin ()', null),
  sp('a ', 'a'),
  sp('a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'),
  sp('a in (xyz abc)', null),
  sp('a notin(', null),
  sp('a (', null),
  sp('(', null),
];

/** TestToString: the strings String() produces parse back to themselves; the trailing-comma one does not parse. */
const TO_STRING: SelectorCase[] = [
  'x in (abc,def),y notin (jkl),z',
  'x notin (abc,def),y!=jkl,!z',
  'x notin (abc),y in (jkl,mno),z notin ()',
  'x=abc,y==jkl,z!=a,z',
  'x>2,y<8,z',
].map((selector) => ({ from: 'TestToString', selector, canonical: selector }));
TO_STRING.push({ from: 'TestToString', selector: 'x in (abc,def),', canonical: null });

/** TestRequirementSelectorMatching, its requirement lists written as selectors. */
const REQUIREMENT_MATCHING: SelectorCase[] = [
  { from: 'TestRequirementSelectorMatching', selector: 'x in (foo),y notin (alpha)', canonical: 'x in (foo),y notin (alpha)', matches: [[{ x: 'foo', y: 'baz' }, true]] },
  { from: 'TestRequirementSelectorMatching', selector: 'x in (foo),y in (alpha)', canonical: 'x in (foo),y in (alpha)', matches: [[{ x: 'foo', y: 'baz' }, false]] },
  { from: 'TestRequirementSelectorMatching', selector: 'x notin (),y', canonical: 'x notin (),y', matches: [[{ y: '' }, true]] },
  { from: 'TestRequirementSelectorMatching', selector: '!x,y', canonical: '!x,y', matches: [[{ y: '' }, true]] },
  { from: 'TestRequirementSelectorMatching', selector: 'x notin (),!y', canonical: 'x notin (),!y', matches: [[{ y: '' }, false]] },
  { from: 'TestRequirementSelectorMatching', selector: 'x in ()', canonical: 'x in ()', matches: [[{ y: 'baz' }, false]] },
  { from: 'TestRequirementSelectorMatching', selector: 'z>1', canonical: 'z>1', matches: [[{ z: '2' }, true], [{ z: 'v2' }, false]] },
];

/** TestParseOperator, each operator token in the operator position of a selector. */
const PARSE_OPERATOR: SelectorCase[] = [
  ...['x in (a)', 'x=a', 'x==a', 'x>1', 'x<1', 'x notin (a)', 'x!=a'].map((selector) => ({ from: 'TestParseOperator', selector, canonical: selector })),
  ...['x ! a', 'x exists a', 'x ( a'].map((selector) => ({ from: 'TestParseOperator', selector, canonical: null })),
];

/** Facts read from selector.go (Lexer, Parser, NewRequirement), not pinned by its tests. */
const FROM_CODE: SelectorCase[] = [
  { from: 'selector.go', selector: 'in=in,x in (in)', canonical: 'in=in,x in (in)', matches: [[{ in: 'in', x: 'in' }, true]] },
  { from: 'selector.go', selector: 'x>-1', canonical: null }, // the value must also be a label value
  { from: 'selector.go', selector: 'x>+1', canonical: null },
  { from: 'selector.go', selector: 'x>9223372036854775807', canonical: 'x>9223372036854775807' },
  { from: 'selector.go', selector: 'x>9223372036854775808', canonical: null }, // beyond int64
  { from: 'selector.go', selector: 'x>007', canonical: 'x>007', matches: [[{ x: '8' }, true], [{ x: '7' }, false]] },
  { from: 'selector.go', selector: 'x>', canonical: null },
  { from: 'selector.go', selector: 'x===a', canonical: null },
  { from: 'selector.go', selector: 'x<=5', canonical: null },
  { from: 'selector.go', selector: '!!x', canonical: null },
  { from: 'selector.go', selector: '\u000bx', canonical: null }, // \v is no separator: part of the key
  { from: 'selector.go', selector: 'x,', canonical: null },
  { from: 'selector.go', selector: 'x in (a', canonical: null },
  { from: 'selector.go', selector: 'a/b/c', canonical: null },
  { from: 'selector.go', selector: `x=${'v'.repeat(64)}`, canonical: null },
  {
    from: 'selector.go',
    selector: 'x \u0000 y',
    canonical: null,
    deviation:
      'apimachinery reads a NUL byte as the end of the string and parses "x \\0 y" as "x", ignoring the rest; '
      + 'we refuse it at the NUL, so no part of a selector is silently dropped',
  },
];

/** Every selector case, in the order above. */
export const LABEL_SELECTOR_CASES: readonly SelectorCase[] = [
  ...PARSE, ...MATCHES, ...SET_SELECTOR_PARSER, ...TO_STRING, ...REQUIREMENT_MATCHING, ...PARSE_OPERATOR, ...FROM_CODE,
];

/** TestRequirementConstructor: NewRequirement(key, op, values) and the fields of its errors. */
export interface RequirementCase {
  key: string;
  operator: string;
  values: string[];
  fields: string[];
}

export const REQUIREMENT_CONSTRUCTOR_CASES: readonly RequirementCase[] = [
  { key: 'x1', operator: 'in', values: [], fields: ['values'] },
  { key: 'x2', operator: 'notin', values: [], fields: ['values'] },
  { key: 'x3', operator: 'in', values: ['foo'], fields: [] },
  { key: 'x4', operator: 'notin', values: ['foo'], fields: [] },
  { key: 'x5', operator: '=', values: ['bar', 'foo'], fields: ['values'] },
  { key: 'x6', operator: 'exists', values: [], fields: [] },
  { key: 'x7', operator: '!', values: [], fields: [] },
  { key: 'x8', operator: 'exists', values: ['foo'], fields: ['values'] },
  { key: 'x9', operator: 'in', values: ['bar'], fields: [] },
  { key: 'x10', operator: 'in', values: ['bar'], fields: [] },
  { key: 'x11', operator: 'gt', values: ['1'], fields: [] },
  { key: 'x12', operator: 'lt', values: ['6'], fields: [] },
  { key: 'x13', operator: 'gt', values: [], fields: ['values'] },
  { key: 'x14', operator: 'gt', values: ['bar'], fields: ['values[0]'] },
  { key: 'x15', operator: 'lt', values: ['bar'], fields: ['values[0]'] },
  { key: 'a'.repeat(254), operator: 'exists', values: [], fields: ['key'] },
  { key: 'x16', operator: '=', values: ['a'.repeat(254)], fields: ['values[0][x16]'] },
  { key: 'x17', operator: '=', values: ['a b'], fields: ['values[0][x17]'] },
  { key: 'x18', operator: 'unsupportedOp', values: [], fields: ['operator'] },
];

/** TestLexer (one token per string) and TestParserLookahead (every token, with the end), as token kinds. */
export const LEXER_CASES: readonly { from: string; input: string; tokens: string[] }[] = [
  ...([
    ['', 'eos'], [',', ','], ['notin', 'notin'], ['in', 'in'], ['=', '='], ['==', '=='], ['>', '>'], ['<', '<'],
    ['!', '!'], ['!=', '!='], ['(', '('], [')', ')'], ['~', 'identifier'], ['||', 'identifier'],
  ] as const).map(([input, kind]) => ({ from: 'TestLexer', input, tokens: input === '' ? ['eos'] : [kind, 'eos'] })),
  ...([
    ['key in ( value )', ['identifier', 'in', '(', 'identifier', ')', 'eos']],
    ['key notin ( value )', ['identifier', 'notin', '(', 'identifier', ')', 'eos']],
    ['key in ( value1, value2 )', ['identifier', 'in', '(', 'identifier', ',', 'identifier', ')', 'eos']],
    ['key', ['identifier', 'eos']],
    ['!key', ['!', 'identifier', 'eos']],
    ['()', ['(', ')', 'eos']],
    ['', ['eos']],
    ['x in (),y', ['identifier', 'in', '(', ')', ',', 'identifier', 'eos']],
    ['== != (), = notin', ['==', '!=', '(', ')', ',', '=', 'notin', 'eos']],
    ['key>2', ['identifier', '>', 'identifier', 'eos']],
    ['key<1', ['identifier', '<', 'identifier', 'eos']],
  ] as const).map(([input, tokens]) => ({ from: 'TestParserLookahead', input, tokens: [...tokens] })),
];
