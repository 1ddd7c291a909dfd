import { CORDON_REASON_MAX_LENGTH } from '@knm/contracts';
import { cordonParams, cordonReasonViolations, placeCordonViolations } from './cordon-form';

describe('cordon form', () => {
  it('sends the reason as typed', () => {
    expect(cordonParams('  kernel upgrade ')).toEqual({ reason: '  kernel upgrade ' });
  });

  it('leaves an empty reason out', () => {
    expect(cordonParams('')).toEqual({});
  });

  it('places the server rule for params.reason on the reason field and others on the form', () => {
    expect(
      placeCordonViolations([
        { field: 'params.reason', rule: 'must be at most 1024 characters' },
        { field: 'selector', rule: 'must be a non-empty label selector' },
      ]),
    ).toEqual({ reason: ['must be at most 1024 characters'], form: ['selector: must be a non-empty label selector'] });
  });
});

describe('cordonReasonViolations', () => {
  it('accepts a reason of exactly the shared maximum length', () => {
    expect(cordonReasonViolations('r'.repeat(CORDON_REASON_MAX_LENGTH))).toEqual([]);
  });

  it('rejects a reason one character over the maximum, naming the limit', () => {
    expect(cordonReasonViolations('r'.repeat(CORDON_REASON_MAX_LENGTH + 1))).toEqual([
      `must be at most ${CORDON_REASON_MAX_LENGTH} characters (now ${CORDON_REASON_MAX_LENGTH + 1})`,
    ]);
  });
});
