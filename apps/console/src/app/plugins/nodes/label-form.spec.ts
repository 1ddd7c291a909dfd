import { placeServerViolations, validateLabelEdit } from './label-form';

describe('label form validation', () => {
  it('accepts a prefixed key with a value and builds the set params', () => {
    const result = validateLabelEdit({ set: [{ key: 'example.com/tier', value: 'web' }], remove: [] });
    expect(result.params).toEqual({ set: { 'example.com/tier': 'web' } });
  });

  it('shows the contracts rule next to a key with a space', () => {
    const result = validateLabelEdit({ set: [{ key: 'bad key', value: 'x' }], remove: [] });
    expect(result.errors.set[0].key).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    ]);
  });

  it('rejects a value longer than 63 characters without shortening it', () => {
    const value = 'v'.repeat(64);
    const result = validateLabelEdit({ set: [{ key: 'a', value }], remove: [] });
    expect({ valid: result.valid, rules: result.errors.set[0].value }).toEqual({
      valid: false,
      rules: ['must be no more than 63 characters'],
    });
  });

  it('accepts an empty label value', () => {
    expect(validateLabelEdit({ set: [{ key: 'flag', value: '' }], remove: [] }).params).toEqual({ set: { flag: '' } });
  });

  it('ignores a blank row', () => {
    const result = validateLabelEdit({ set: [{ key: '', value: '' }], remove: ['old'] });
    expect(result.params).toEqual({ remove: ['old'] });
  });

  it('refuses a form with nothing to add or remove', () => {
    expect(validateLabelEdit({ set: [{ key: '', value: '' }], remove: [''] }).errors.form).toEqual([
      'Add or remove at least one label',
    ]);
  });

  it('flags a key that is both set and removed', () => {
    const result = validateLabelEdit({ set: [{ key: 'env', value: 'prod' }], remove: ['env'] });
    expect(result.errors.set[0].key).toEqual(['is also being removed']);
  });

  it('flags a key set twice on both rows', () => {
    const result = validateLabelEdit({ set: [{ key: 'env', value: 'a' }, { key: 'env', value: 'b' }], remove: [] });
    expect(result.errors.set.map((e) => e.key)).toEqual([['is set twice'], ['is set twice']]);
  });

  it('validates remove keys with the label key rules', () => {
    const result = validateLabelEdit({ set: [], remove: ['a/b/c'] });
    expect(result.errors.remove[0][0]).toMatch(/more than one '\/'/);
  });

  it('places server violations on the set row, remove row or form', () => {
    const edit = { set: [{ key: 'app/x', value: '1' }], remove: ['gone'] };
    const placed = placeServerViolations(edit, [
      { field: 'params.set["app/x"]', rule: 'is reserved' },
      { field: 'params.remove[0]', rule: 'is protected' },
      { field: 'nodes[3]', rule: 'node not found' },
    ]);
    expect(placed).toEqual({
      set: [{ key: ['is reserved'], value: [] }],
      remove: [['is protected']],
      form: ['nodes[3]: node not found'],
    });
  });
});
