import type { FieldRule } from '../../core/i18n/rule-text';
import { textOf } from '../../testing/console-testing';
import { placeServerViolations, validateLabelEdit } from './label-form';

const formText = (rules: readonly FieldRule[]): string[] => rules.map((r) => (r.field ? `${r.field}: ` : '') + textOf(r.rule));

describe('label form validation', () => {
  it('accepts a prefixed key with a value and builds the set params', () => {
    const result = validateLabelEdit({ set: [{ key: 'example.com/tier', value: 'web' }], remove: [] });
    expect(result.params).toEqual({ set: { 'example.com/tier': 'web' } });
  });

  it('shows the contracts rule next to a key with a space, translated', () => {
    const result = validateLabelEdit({ set: [{ key: 'bad key', value: 'x' }], remove: [] });
    expect([textOf(result.errors.set[0].key), textOf(result.errors.set[0].key, 'zh-CN')]).toEqual([
      "the name (the part after any '/') may contain only letters, digits, '-', '_' or '.', and must start and end with a letter or digit",
      '名称（若有“/”，指其后的部分）只能包含字母、数字、“-”、“_”或“.”，且以字母或数字开头和结尾',
    ]);
  });

  it('rejects a value longer than 63 characters without shortening it', () => {
    const value = 'v'.repeat(64);
    const result = validateLabelEdit({ set: [{ key: 'a', value }], remove: [] });
    expect({ valid: result.valid, rules: result.errors.set[0].value.map((m) => textOf(m)) }).toEqual({
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
    expect(formText(validateLabelEdit({ set: [{ key: '', value: '' }], remove: [''] }).errors.form)).toEqual([
      'Add or remove at least one label',
    ]);
  });

  it('flags a key that is both set and removed', () => {
    const result = validateLabelEdit({ set: [{ key: 'env', value: 'prod' }], remove: ['env'] });
    expect(result.errors.set[0].key.map((m) => textOf(m))).toEqual(['is also being removed']);
  });

  it('flags a key set twice on both rows', () => {
    const result = validateLabelEdit({ set: [{ key: 'env', value: 'a' }, { key: 'env', value: 'b' }], remove: [] });
    expect(result.errors.set.map((e) => e.key.map((m) => textOf(m)))).toEqual([['is set twice'], ['is set twice']]);
  });

  it('validates remove keys with the label key rules', () => {
    const result = validateLabelEdit({ set: [], remove: ['a/b/c'] });
    expect(textOf(result.errors.remove[0][0])).toMatch(/more than one '\/'/);
  });

  it('places server violations on the set row, remove row or form', () => {
    const edit = { set: [{ key: 'app/x', value: '1' }], remove: ['gone'] };
    const placed = placeServerViolations(edit, [
      { field: 'params.set["app/x"]', rule: 'is reserved' },
      { field: 'params.remove[0]', rule: 'is protected' },
      { field: 'nodes[3]', rule: 'node not found' },
    ]);
    expect({
      set: placed.set.map((e) => ({ key: e.key.map((m) => textOf(m)), value: e.value })),
      remove: placed.remove.map((r) => r.map((m) => textOf(m))),
      form: formText(placed.form),
    }).toEqual({
      set: [{ key: ['is reserved'], value: [] }],
      remove: [['is protected']],
      form: ['nodes[3]: node not found'],
    });
  });
});
