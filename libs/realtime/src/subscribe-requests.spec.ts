import { parseClusterRequest, parseTaskSubscribe } from './subscribe-requests';
import { OriginPolicy } from './origin-policy';

describe('subscribe request parsing', () => {
  const id = '00000000-0000-4000-8000-000000000001';

  it('accepts a task id and afterSeq, defaulting afterSeq to 0', () => {
    expect(parseTaskSubscribe({ taskId: id, afterSeq: 7 })).toEqual({ taskId: id, afterSeq: 7 });
    expect(parseTaskSubscribe({ taskId: id })).toEqual({ taskId: id, afterSeq: 0 });
  });

  it('rejects a bad task id or afterSeq with VALIDATION_FAILED naming the field', () => {
    expect(parseTaskSubscribe({ taskId: 'x' })).toEqual({ error: { ok: false, code: 'VALIDATION_FAILED', message: 'taskId: must be a task id (UUID)' } });
    expect(parseTaskSubscribe({ taskId: id, afterSeq: -1 })).toMatchObject({ error: { message: 'afterSeq: must be a whole number >= 0' } });
    expect(parseTaskSubscribe(null)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('checks cluster names as DNS-1123 labels', () => {
    expect(parseClusterRequest({ cluster: 'prod-1' })).toEqual({ cluster: 'prod-1' });
    expect(parseClusterRequest({ cluster: 'Prod_1' })).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('OriginPolicy', () => {
  const policy = new OriginPolicy(['https://console.example.com']);

  it('allows same origin, configured origins and non-browser clients', () => {
    expect(policy.allows({ host: 'knm:8080', origin: 'http://knm:8080' })).toBe(true);
    expect(policy.allows({ host: 'knm:8080', origin: 'https://console.example.com' })).toBe(true);
    expect(policy.allows({ host: 'knm:8080' })).toBe(true);
  });

  it('refuses a foreign origin', () => {
    expect(policy.allows({ host: 'knm:8080', origin: 'https://evil.example' })).toBe(false);
  });
});
