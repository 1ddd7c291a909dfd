import { LABEL_SELECTOR_CASES } from '@knm/contracts/testing';
import { checkSelector } from './selector-check';

describe('checkSelector', () => {
  it.each(LABEL_SELECTOR_CASES.map((c) => [c.from, JSON.stringify(c.selector), c] as const))(
    '%s %s: accepted exactly when apimachinery accepts it (conformance table)',
    (_from, _name, c) => {
      expect(checkSelector(c.selector) === null).toBe(c.canonical !== null);
    },
  );

  it('names the 1-based character and the problem', () => {
    expect(checkSelector('env in (a')).toEqual({
      position: 9,
      problem: "found '', expected: ',' or ')'",
      message: { key: 'nodes.filters.selectorInvalidAt', params: { position: 10, problem: "found '', expected: ',' or ')'" } },
    });
  });

  it('accepts a blank selector (every node)', () => {
    expect(checkSelector('   ')).toBeNull();
  });
});
