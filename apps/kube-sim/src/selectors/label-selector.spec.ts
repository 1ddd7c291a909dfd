import { labelSelectorFromSpec } from './label-selector';

describe('labelSelectorFromSpec (metav1.LabelSelectorAsSelector)', () => {
  const labels = { app: 'web', tier: 'front' };

  it('selects nothing without a selector and everything with an empty one', () => {
    expect([labelSelectorFromSpec(undefined), labelSelectorFromSpec({})?.matches(labels)]).toEqual([null, true]);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const matching = labelSelectorFromSpec({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] });
    const other = labelSelectorFromSpec({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] });
    expect([matching?.matches(labels), other?.matches(labels)]).toEqual([true, false]);
  });

  it('maps Exists and DoesNotExist', () => {
    const exists = labelSelectorFromSpec({ matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'gpu', operator: 'DoesNotExist' }] });
    expect([exists?.matches(labels), exists?.matches({ ...labels, gpu: '' })]).toEqual([true, false]);
  });

  it('writes the selector in the string syntax, requirements sorted by key', () => {
    expect(labelSelectorFromSpec({ matchLabels: { tier: 'front' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api', 'web'] }] })?.toString()).toBe('app in (api,web),tier=front');
  });
});
