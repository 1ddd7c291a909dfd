import { cordonParams, placeCordonViolations } from './cordon-form';

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
