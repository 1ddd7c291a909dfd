import type { I18nMessage } from '../../../core/i18n/i18n-message';
import { textOf } from '../../../testing/console-testing';
import { placeTaintViolations, validateTaintEdit, type TaintEdit, type TaintFormErrors } from './taint-form';

const texts = (list: readonly I18nMessage[]): string[] => list.map((m) => textOf(m));
/** The errors as English text, as the dialog shows them. */
function errorText(errors: TaintFormErrors) {
  return {
    add: errors.add.map((e) => ({ key: texts(e.key), value: texts(e.value), effect: texts(e.effect) })),
    remove: errors.remove.map((e) => ({ key: texts(e.key), effect: texts(e.effect) })),
    form: errors.form.map((r) => (r.field ? `${r.field}: ` : '') + textOf(r.rule)),
  };
}

const edit = (over: Partial<TaintEdit> = {}): TaintEdit => ({ add: [], remove: [], ...over });

describe('taint form validation', () => {
  it('builds add params with key, value and effect', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    expect(result.params).toEqual({ add: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  });

  it('leaves an empty value out of the taint', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'maint', value: '', effect: 'PreferNoSchedule' }] }));
    expect(result.params).toEqual({ add: [{ key: 'maint', effect: 'PreferNoSchedule' }] });
  });

  it('removes by key alone when no effect is chosen, or by key and effect', () => {
    const result = validateTaintEdit(edit({ remove: [{ key: 'a', effect: '' }, { key: 'b', effect: 'NoExecute' }] }));
    expect(result.params).toEqual({ remove: [{ key: 'a' }, { key: 'b', effect: 'NoExecute' }] });
  });

  it('shows the contracts rule next to a key with a space', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'bad key', value: '', effect: 'NoSchedule' }] }));
    expect({ valid: result.valid, key: errorText(result.errors).add[0].key }).toEqual({
      valid: false,
      key: ["the name (the part after any '/') may contain only letters, digits, '-', '_' or '.', and must start and end with a letter or digit"],
    });
  });

  it('rejects a value longer than 63 characters without shortening it', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'k', value: 'v'.repeat(64), effect: 'NoSchedule' }] }));
    expect(errorText(result.errors).add[0].value).toEqual(['must be no more than 63 characters']);
  });

  it('requires an effect on a taint to add', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: '' }] }));
    expect(errorText(result.errors).add[0].effect).toEqual(['must be one of NoSchedule, PreferNoSchedule, NoExecute']);
  });

  it('flags the same key and effect added twice, but allows the key with another effect', () => {
    const twice = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: 'NoSchedule' }, { key: 'k', value: 'x', effect: 'NoSchedule' }] }));
    const other = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: 'NoSchedule' }, { key: 'k', value: '', effect: 'NoExecute' }] }));
    expect({ twice: errorText(twice.errors).add[1].key, other: other.valid }).toEqual({
      twice: ['is added twice with effect NoSchedule'],
      other: true,
    });
  });

  it('flags a key that is both added and removed (remove without effect covers every effect)', () => {
    const result = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: 'NoExecute' }], remove: [{ key: 'k', effect: '' }] }));
    expect(errorText(result.errors).add[0].key).toEqual(['is also being removed']);
  });

  it('refuses a form with nothing to add or remove', () => {
    const result = validateTaintEdit(edit({ add: [{ key: '', value: '', effect: 'NoSchedule' }], remove: [{ key: '', effect: '' }] }));
    expect(errorText(result.errors).form).toEqual(['Add or remove at least one taint']);
  });

  it('marks a NoExecute addition as evicting pods, and NoSchedule as not', () => {
    const noExecute = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: 'NoExecute' }] }));
    const noSchedule = validateTaintEdit(edit({ add: [{ key: 'k', value: '', effect: 'NoSchedule' }] }));
    expect([noExecute.evicts, noSchedule.evicts]).toEqual([true, false]);
  });

  it('places server violations on the submitted row (blank rows skipped), field by field', () => {
    const rows = edit({
      add: [{ key: '', value: '', effect: 'NoSchedule' }, { key: 'a', value: 'v', effect: 'NoSchedule' }],
      remove: [{ key: 'gone', effect: '' }],
    });
    const placed = placeTaintViolations(rows, [
      { field: 'params.add[0].value', rule: 'is reserved' },
      { field: 'params.add[0]', rule: 'duplicate' },
      { field: 'params.remove[0].effect', rule: 'must be one of X' },
      { field: 'nodes[2]', rule: 'node not found' },
    ]);
    expect(errorText(placed)).toEqual({
      add: [{ key: [], value: [], effect: [] }, { key: ['duplicate'], value: ['is reserved'], effect: [] }],
      remove: [{ key: [], effect: ['must be one of X'] }],
      form: ['nodes[2]: node not found'],
    });
  });
});
