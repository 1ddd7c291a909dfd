import { ErrorCode } from '@knm/contracts';
import { InvalidSelectorError, parseLabelSelector } from './label-selector';

function problemOf(selector: string): { position: number; problem: string } {
  try {
    parseLabelSelector(selector);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidSelectorError);
    const e = err as InvalidSelectorError;
    expect(e.code).toBe(ErrorCode.InvalidSelector);
    const { position, problem } = e.details as { position: number; problem: string };
    return { position, problem };
  }
  throw new Error(`selector "${selector}" was accepted`);
}

describe('parseLabelSelector: valid selectors', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['env=prod', [{ key: 'env', operator: '=', values: ['prod'] }]],
    ['env==prod', [{ key: 'env', operator: '==', values: ['prod'] }]],
    ['env!=prod', [{ key: 'env', operator: '!=', values: ['prod'] }]],
    ['env=', [{ key: 'env', operator: '=', values: [''] }]],
    ['tier in (web, api,web)', [{ key: 'tier', operator: 'in', values: ['api', 'web'] }]],
    ['tier notin(web)', [{ key: 'tier', operator: 'notin', values: ['web'] }]],
    ['tier in ()', [{ key: 'tier', operator: 'in', values: [''] }]],
    ['tier in (a,)', [{ key: 'tier', operator: 'in', values: ['', 'a'] }]],
    ['gpu', [{ key: 'gpu', operator: 'exists', values: [] }]],
    ['!spot', [{ key: 'spot', operator: '!', values: [] }]],
    ['! spot', [{ key: 'spot', operator: '!', values: [] }]],
    ['prio>3', [{ key: 'prio', operator: 'gt', values: ['3'] }]],
    ['prio<-1', [{ key: 'prio', operator: 'lt', values: ['-1'] }]],
    ['in=in', [{ key: 'in', operator: '=', values: ['in'] }]],
    ['example.com/team = a-b_c.d', [{ key: 'example.com/team', operator: '=', values: ['a-b_c.d'] }]],
  ])('parses %j into its requirements', (selector, requirements) => {
    expect(parseLabelSelector(selector).requirements).toEqual(requirements);
  });

  it('parses several comma-separated requirements in order', () => {
    const s = parseLabelSelector('env=prod, tier in (web,api),!spot,gpu');
    expect(s.requirements.map((r) => `${r.key}:${r.operator}`)).toEqual(['env:=', 'tier:in', 'spot:!', 'gpu:exists']);
  });
});

describe('parseLabelSelector: matching', () => {
  const labels = { env: 'prod', tier: 'web', prio: '5', empty: '' };
  it.each([
    ['', true],
    ['env=prod', true],
    ['env==staging', false],
    ['env!=staging', true],
    ['missing!=x', true],
    ['tier in (web,api)', true],
    ['tier notin (web)', false],
    ['missing notin (web)', true],
    ['missing in (web)', false],
    ['env', true],
    ['missing', false],
    ['!missing', true],
    ['!env', false],
    ['prio>4', true],
    ['prio<5', false],
    ['env>1', false],
    ['missing>1', false],
    ['empty=', true],
    ['empty in ()', true],
    ['env=prod,tier=api', false],
    ['env=prod,tier=web,!spot', true],
  ])('%j matches %j', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });
});

describe('parseLabelSelector: invalid selectors name the position and the problem', () => {
  it.each([
    ['env=prod,', 9, "found '', expected: identifier after ','"],
    [',env', 0, "found ',', expected: !, identifier, or 'end of string'"],
    ['=prod', 0, "found '=', expected: !, identifier, or 'end of string'"],
    ['env=prod tier=web', 9, "found 'tier', expected: ',' or 'end of string'"],
    ['env foo', 4, "found 'foo', expected: in, notin, =, ==, !=, gt, lt"],
    ['env in', 6, "found '', expected: '('"],
    ['env in web', 7, "found 'web', expected: '('"],
    ['env in (a b)', 10, "found 'b', expected: ',' or ')'"],
    ['env in (a', 9, "found '', expected: ',' or ')'"],
    ['env in (=)', 8, "found '=', expected: ',', ')' or identifier"],
    ['env==(a)', 5, "found '(', expected: identifier"],
    ['!env=prod', 4, "found '=', expected: ',' or 'end of string'"],
    ['!', 1, "found '', expected: identifier"],
    ['!!env', 1, "found '!', expected: identifier"],
  ])('%j fails at %d: %s', (selector, position, problem) => {
    expect(problemOf(selector)).toEqual({ position, problem });
  });

  it('rejects a key with two slashes', () => {
    const p = problemOf('a/b/c=x');
    expect(p.position).toBe(0);
    expect(p.problem).toMatch(/invalid label key "a\/b\/c": .*more than one '\/'/);
  });

  it('rejects a key whose name part is longer than 63 characters', () => {
    const key = 'k'.repeat(64);
    expect(problemOf(`${key}=v`).problem).toMatch(/name part must be no more than 63 characters/);
  });

  it('rejects a key with an invalid DNS prefix', () => {
    expect(problemOf('Example.COM/app=x').problem).toMatch(/prefix part must be a lowercase RFC 1123 subdomain/);
  });

  it('rejects a key that starts with a non-alphanumeric character', () => {
    expect(problemOf('-app=x').problem).toMatch(/name part must consist of alphanumeric characters/);
  });

  it('rejects a value longer than 63 characters, naming its position', () => {
    const p = problemOf(`env=${'v'.repeat(64)}`);
    expect(p).toEqual({ position: 4, problem: expect.stringMatching(/must be no more than 63 characters/) });
  });

  it('rejects a value with characters outside the label charset', () => {
    expect(problemOf('env in (ok, b@d)').problem).toMatch(/invalid label value "b@d"/);
  });

  it('rejects a non-integer value for gt', () => {
    expect(problemOf('prio>high')).toEqual({ position: 5, problem: expect.stringMatching(/must be an integer/) });
  });

  it('reports the error as 400 INVALID_SELECTOR with the selector in the message', () => {
    expect(() => parseLabelSelector('env in')).toThrow(/invalid label selector "env in" at position 6/);
  });
});
