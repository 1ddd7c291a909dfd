import { ExitCode } from '../exit-codes';
import { errorOf } from '../testing/test-context';
import { isLabelChange, parseLabelArgs, parseLabelChanges } from './label-args';

describe('kubectl label syntax', () => {
  it('key=value sets, key- removes, an empty value is allowed', () => {
    expect(parseLabelChanges(['tier=web', 'example.com/team=', 'old-'])).toEqual({ set: { tier: 'web', 'example.com/team': '' }, remove: ['old'] });
  });

  it('splits node names from changes at the first change, as kubectl GetResourcesAndPairs does', () => {
    expect(parseLabelArgs(['n1', 'n2', 'a=b', 'c-'])).toEqual({ nodes: ['n1', 'n2'], params: { set: { a: 'b' }, remove: ['c'] } });
    expect(parseLabelArgs(['a=b'])).toEqual({ nodes: [], params: { set: { a: 'b' } } });
  });

  it('"=x" and "-" are not changes (kubectl reads them as resource names)', () => {
    expect(isLabelChange('=x')).toBe(false);
    expect(isLabelChange('-')).toBe(false);
    expect(isLabelChange('a-')).toBe(true);
    expect(errorOf(() => parseLabelArgs(['n1', '=x'])).message).toBe('at least one label update is required');
  });

  it.each([
    [['a=b=c'], 'invalid label spec: a=b=c'],
    [['foo=b@d'], 'invalid label value: "foo=b@d": '],
    [['a/b/c=x'], 'invalid label key: "a/b/c=x": '],
    [['-bad=x'], 'invalid label key: "-bad=x": '],
    [['a/b/c-'], 'invalid label key: "a/b/c-": '],
    [['foo=bar', 'foo-'], 'can not both modify and remove a label in the same command'],
    [[], 'at least one label update is required'],
  ])('%j is refused with exit 2: %s', (specs, message) => {
    const err = errorOf(() => parseLabelChanges(specs));
    expect(err.exitCode).toBe(ExitCode.Usage);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it('a value longer than 63 characters names the argument and the rule', () => {
    const spec = `k=${'v'.repeat(64)}`;
    expect(errorOf(() => parseLabelChanges([spec])).message).toBe(`invalid label value: "${spec}": must be no more than 63 characters`);
  });

  it('a node name after a change is refused, naming it', () => {
    expect(errorOf(() => parseLabelArgs(['n1', 'a=b', 'n2'])).message).toBe('all resources must be specified before label changes: n2');
  });
});
