import { ExitCode } from '../exit-codes';
import { errorOf } from '../testing/test-context';
import { isTaintChange, parseTaintArgs, parseTaintChanges } from './taint-args';


describe('kubectl taint syntax', () => {
  it('key=value:Effect and key:Effect add; key:Effect- removes one effect; key- removes every effect', () => {
    expect(parseTaintChanges(['dedicated=gpu:NoSchedule', 'spot:PreferNoSchedule', 'maint:NoExecute-', 'old-'])).toEqual({
      add: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'spot', effect: 'PreferNoSchedule' },
      ],
      remove: [{ key: 'maint', effect: 'NoExecute' }, { key: 'old' }],
    });
  });

  it('key=value:Effect- removes by key and effect, the value ignored (as kubectl)', () => {
    expect(parseTaintChanges(['a=b:NoSchedule-'])).toEqual({ remove: [{ key: 'a', effect: 'NoSchedule' }] });
  });

  it('the same removal twice is sent once', () => {
    expect(parseTaintChanges(['a-', 'a-'])).toEqual({ remove: [{ key: 'a' }] });
  });

  it('splits nodes from changes: an argument with = or : or a trailing - is a change', () => {
    expect(isTaintChange('n1')).toBe(false);
    expect(parseTaintArgs(['n1', 'n2', 'a:NoSchedule'])).toEqual({ nodes: ['n1', 'n2'], params: { add: [{ key: 'a', effect: 'NoSchedule' }] } });
    expect(errorOf(() => parseTaintArgs(['n1', 'a:NoSchedule', 'n2'])).message).toBe('all resources must be specified before taint changes: n2');
  });

  it.each([
    [['foo=bar:Sometimes'], 'invalid taint spec: foo=bar:Sometimes, invalid taint effect: Sometimes, unsupported taint effect (must be one of NoSchedule, PreferNoSchedule, NoExecute)'],
    [['foo:Sometimes-'], 'invalid taint spec: foo:Sometimes-, invalid taint effect: Sometimes, unsupported taint effect'],
    [['foo=bar'], 'invalid taint spec: foo=bar, key name part must consist of'],
    [['foo'], 'invalid taint spec: foo, an effect is required to add a taint'],
    [['a=b=c:NoSchedule'], 'invalid taint spec: a=b=c:NoSchedule'],
    [['x::NoSchedule'], 'invalid taint spec: x::NoSchedule'],
    [['foo=b@d:NoSchedule'], 'invalid taint spec: foo=b@d:NoSchedule, value '],
    [['a/b/c:NoSchedule'], 'invalid taint spec: a/b/c:NoSchedule, key '],
    [['foo=bar:NoSchedule', 'foo=baz:NoSchedule'], 'duplicated taints with the same key and effect: foo=baz:NoSchedule'],
    [['foo=bar:NoSchedule', 'foo-'], 'can not both add and remove taint foo:NoSchedule in the same command'],
    [['foo=bar:NoSchedule', 'foo:NoSchedule-'], 'can not both add and remove taint foo:NoSchedule in the same command'],
    [[], 'at least one taint update is required'],
  ])('%j is refused with exit 2: %s', (specs, message) => {
    const err = errorOf(() => parseTaintChanges(specs));
    expect(err.exitCode).toBe(ExitCode.Usage);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it('adding and removing different effects of one key is allowed', () => {
    expect(parseTaintChanges(['foo=bar:NoSchedule', 'foo:NoExecute-'])).toEqual({
      add: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      remove: [{ key: 'foo', effect: 'NoExecute' }],
    });
  });
});
