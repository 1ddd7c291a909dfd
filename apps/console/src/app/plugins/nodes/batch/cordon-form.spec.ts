import { CORDON_REASON_MAX_LENGTH } from '@knm/contracts';
import { textOf } from '../../../testing/console-testing';
import { cordonParams, cordonReasonViolations, placeCordonViolations } from './cordon-form';

describe('cordon form', () => {
  it('sends the reason as typed', () => {
    expect(cordonParams('  kernel upgrade ')).toEqual({ reason: '  kernel upgrade ' });
  });

  it('leaves an empty reason out', () => {
    expect(cordonParams('')).toEqual({});
  });

  it('places the server rule for params.reason on the reason field and others on the form', () => {
    const placed = placeCordonViolations([
      { field: 'params.reason', rule: 'must be at most 1024 characters' },
      { field: 'selector', rule: 'must be a non-empty label selector' },
    ]);
    expect({ reason: textOf(placed.reason), form: placed.form.map((r) => `${r.field}: ${textOf(r.rule)}`) }).toEqual({
      reason: 'must be at most 1024 characters',
      form: ['selector: must be a non-empty label selector'],
    });
  });
});

describe('cordonReasonViolations', () => {
  it('accepts a reason of exactly the shared maximum length', () => {
    expect(cordonReasonViolations('r'.repeat(CORDON_REASON_MAX_LENGTH))).toEqual([]);
  });

  it('rejects a reason one character over the maximum, naming the limit', () => {
    const rules = cordonReasonViolations('r'.repeat(CORDON_REASON_MAX_LENGTH + 1));
    expect([textOf(rules), textOf(rules, 'zh-CN')]).toEqual(['must be at most 1,024 characters (now 1,025)', '不能超过 1,024 个字符（当前 1,025 个）']);
  });
});
