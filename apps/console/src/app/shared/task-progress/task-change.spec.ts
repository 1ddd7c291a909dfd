import { changeLineText, describeChange } from './task-change';

describe('task change diff', () => {
  it('lists a cordon as the unschedulable flip and the added annotations', () => {
    const lines = describeChange(
      { unschedulable: false, annotations: {} },
      { unschedulable: true, annotations: { 'knm.io/cordon-reason': 'kernel' } },
    ).map(changeLineText);
    expect(lines).toEqual(['+ annotations.knm.io/cordon-reason: kernel', 'unschedulable: false → true']);
  });

  it('lists taints as added and removed items in kubectl notation', () => {
    const lines = describeChange(
      [{ key: 'old', effect: 'NoSchedule' }, { key: 'keep', value: 'x', effect: 'NoExecute' }],
      [{ key: 'keep', value: 'x', effect: 'NoExecute' }, { key: 'new', value: 'v', effect: 'PreferNoSchedule' }],
    ).map(changeLineText);
    expect(lines).toEqual(['- old:NoSchedule', '+ new=v:PreferNoSchedule']);
  });

  it('shows a label value change and an empty label value', () => {
    const lines = describeChange({ env: 'dev', flag: null }, { env: 'prod', flag: '' }).map(changeLineText);
    expect(lines).toEqual(['env: dev → prod', '+ flag: ""']);
  });

  it('returns nothing when the node already was as asked', () => {
    expect(describeChange({ unschedulable: true }, { unschedulable: true })).toEqual([]);
  });
});
