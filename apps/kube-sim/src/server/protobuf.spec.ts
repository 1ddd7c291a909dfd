import { decodeDeleteOptions } from './protobuf';
import { ApiError } from '../api/status';

describe('decodeDeleteOptions', () => {
  it('decodes the DeleteOptions kubectl drain --disable-eviction sends (grace 7, dryRun All)', () => {
    const body = Buffer.from('6b3873000a130a027631120d44656c6574654f7074696f6e73120708072a03416c6c1a002200', 'hex');
    expect(decodeDeleteOptions(body)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 7, dryRun: ['All'] });
  });

  it('decodes preconditions and a negative grace period', () => {
    const raw = Buffer.concat([Buffer.from([0x08, ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]]), Buffer.from([0x12, 0x05, 0x0a, 0x03]), Buffer.from('abc')]);
    const typeMeta = Buffer.concat([Buffer.from([0x0a, 0x02]), Buffer.from('v1'), Buffer.from([0x12, 0x0d]), Buffer.from('DeleteOptions')]);
    const body = Buffer.concat([Buffer.from('6b387300', 'hex'), Buffer.from([0x0a, typeMeta.length]), typeMeta, Buffer.from([0x12, raw.length]), raw]);
    expect(decodeDeleteOptions(body)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: -1, preconditions: { uid: 'abc' } });
  });

  it.each([
    ['no magic', '0a00'],
    ['a truncated field', '6b3873000a13'],
    ['another kind', '6b3873000a070a027631120150'],
  ])('answers 400 for %s', (_what, hex) => {
    expect(() => decodeDeleteOptions(Buffer.from(hex, 'hex'))).toThrow(ApiError);
  });
});
