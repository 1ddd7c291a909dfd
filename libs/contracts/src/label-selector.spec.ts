import { requirementViolations } from './label-requirement';
import { labelSelectorProblem, parseLabelSelector } from './label-selector';
import { LabelSelectorError, lexLabelSelector } from './label-selector-parser';
import { LABEL_SELECTOR_CASES, LEXER_CASES, REQUIREMENT_CONSTRUCTOR_CASES } from './testing/label-selector-conformance';

describe('label selector conformance with apimachinery (selector_test.go)', () => {
  const cases = LABEL_SELECTOR_CASES.map((c) => [c.from, JSON.stringify(c.selector), c] as const);

  it.each(cases)('%s %s parses as apimachinery does', (_from, _name, c) => {
    if (c.canonical === null) {
      expect(() => parseLabelSelector(c.selector)).toThrow(LabelSelectorError);
    } else {
      expect(parseLabelSelector(c.selector).toString()).toBe(c.canonical);
    }
  });

  it.each(cases.filter(([, , c]) => c.matches))('%s %s matches as apimachinery does', (_from, _name, c) => {
    const selector = parseLabelSelector(c.selector);
    expect(c.matches!.map(([labels]) => selector.matches(labels))).toEqual(c.matches!.map(([, expected]) => expected));
  });

  it('states a reason for every deviation, and has only the NUL one', () => {
    const deviations = LABEL_SELECTOR_CASES.filter((c) => c.deviation !== undefined);
    expect(deviations.map((c) => c.selector)).toEqual(['x \u0000 y']);
  });

  it.each(REQUIREMENT_CONSTRUCTOR_CASES.map((c) => [c.key.slice(0, 10), c.operator, c] as const))(
    'TestRequirementConstructor %s %s breaks the rules apimachinery names',
    (_key, _op, c) => {
      expect(requirementViolations(c.key, c.operator, c.values).map((v) => v.field)).toEqual(c.fields);
    },
  );

  it.each(LEXER_CASES.map((c) => [c.from, JSON.stringify(c.input), c] as const))('%s %s lexes into apimachinery tokens', (_from, _name, c) => {
    const tokens = lexLabelSelector(c.input);
    expect(tokens.map((t) => t.kind)).toEqual(c.tokens);
    if (c.from === 'TestLexer' && c.input !== '') expect(tokens[0].text).toBe(c.input);
  });
});

describe('parseLabelSelector', () => {
  it('returns requirements sorted by key with value sets sorted and de-duplicated', () => {
    expect(parseLabelSelector('tier in (web, api,web),env=prod,!spot').requirements).toEqual([
      { key: 'env', operator: '=', values: ['prod'] },
      { key: 'spot', operator: '!', values: [] },
      { key: 'tier', operator: 'in', values: ['api', 'web'] },
    ]);
  });

  it('treats a blank selector as everything', () => {
    const s = parseLabelSelector(' \t\r\n');
    expect([s.requirements.length, s.matches({}), s.matches(undefined)]).toEqual([0, true, true]);
  });

  it('compares gt/lt as int64 beyond the precision of a double', () => {
    const s = parseLabelSelector('x>9007199254740993');
    expect([s.matches({ x: '9007199254740994' }), s.matches({ x: '9007199254740993' })]).toEqual([true, false]);
  });

  it('does not match a gt/lt requirement against a label that is no integer', () => {
    expect(parseLabelSelector('x<5').matches({ x: '1.5' })).toBe(false);
  });

  it('looks up only own labels (a key named like an Object method is an ordinary key)', () => {
    expect([parseLabelSelector('constructor').matches({}), parseLabelSelector('!toString').matches({})]).toEqual([false, true]);
  });
});

describe('invalid selectors name the 0-based position and the problem', () => {
  it.each([
    ['env=prod,', 9, "found '', expected: identifier after ','"],
    [',env', 0, "found ',', expected: !, identifier, or 'end of string'"],
    ['=prod', 0, "found '=', expected: !, identifier, or 'end of string'"],
    ['env=prod tier=web', 9, "found 'tier', expected: ',' or 'end of string'"],
    ['env foo', 4, "found 'foo', expected: in, notin, =, ==, !=, gt, lt"],
    ['env in', 6, "found '' expected: '('"],
    ['env in web', 7, "found 'web' expected: '('"],
    ['env in (a b)', 10, "found 'b', expected: ',' or ')'"],
    ['env in (a', 9, "found '', expected: ',' or ')'"],
    ['env in (a,', 10, "found '', expected: ',', or identifier"],
    ['env in (=)', 8, "found '=', expected: ',', ')' or identifier"],
    ['env==(a)', 5, "found '(', expected: identifier"],
    ['!env=prod', 4, "found '=', expected: ',' or 'end of string'"],
    ['!', 1, "found '', expected: identifier"],
    ['!!env', 1, "found '!', expected: identifier"],
    ['x<=5', 2, "found '=', expected: identifier"],
    ['x \u0000 y', 2, 'found a NUL character, which is not allowed in a label selector'],
  ])('%j fails at %d: %s', (selector, position, problem) => {
    expect(labelSelectorProblem(selector)).toEqual({ position, problem });
  });

  it.each([
    ['a/b/c=x', 0, /invalid label key "a\/b\/c"/],
    [`env=${'v'.repeat(64)}`, 4, /invalid label value "v+": must be no more than 63 characters/],
    ['env in (ok, b@d)', 12, /invalid label value "b@d"/],
    ['Example.COM/app=x', 0, /prefix part must be a lowercase RFC 1123 subdomain/],
    ['prio>high', 5, /for 'Gt', 'Lt' operators, the value must be an integer, got "high"/],
    ['prio>', 5, /the value must be an integer, got ""/],
    ['prio<-1', 5, /invalid label value "-1"/],
  ])('%j fails at %d with a validation problem', (selector, position, problem) => {
    expect(labelSelectorProblem(selector)).toEqual({ position, problem: expect.stringMatching(problem) });
  });

  it('carries the selector, position and problem on the thrown error, and says them in its message', () => {
    const err = (() => {
      try {
        parseLabelSelector('env in');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({ name: 'LabelSelectorError', selector: 'env in', position: 6, message: `invalid label selector "env in" at position 6: found '' expected: '('` });
  });

  it('answers null for a valid selector', () => {
    expect(labelSelectorProblem('tier in (web),!spot')).toBeNull();
  });
});
