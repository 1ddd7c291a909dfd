import { parseClusterRequest, parseTaskSubscribe, parseTaskUnsubscribe } from './subscribe-requests';

describe('subscribe request parsing', () => {
  const id = '00000000-0000-4000-8000-000000000001';

  it('accepts a task id and afterSeq, defaulting afterSeq to 0', () => {
    expect(parseTaskSubscribe({ taskId: id, afterSeq: 7 })).toEqual({ taskId: id, afterSeq: 7 });
    expect(parseTaskSubscribe({ taskId: id })).toEqual({ taskId: id, afterSeq: 0 });
  });

  it('rejects a bad task id or afterSeq with VALIDATION_FAILED naming the field', () => {
    expect(parseTaskSubscribe({ taskId: 'x' })).toEqual({
      error: { ok: false, code: 'VALIDATION_FAILED', message: 'taskId: must be a UUID', violations: [{ field: 'taskId', rule: 'must be a UUID' }] },
    });
    expect(parseTaskSubscribe({ taskId: id, afterSeq: -1 })).toMatchObject({ error: { message: 'afterSeq: must be at least 0' } });
    expect(parseTaskSubscribe({ taskId: id, afterSeq: 1.5 })).toMatchObject({ error: { message: 'afterSeq: must be a whole number' } });
    expect(parseTaskSubscribe(null)).toMatchObject({ error: { code: 'VALIDATION_FAILED', violations: [{ field: 'payload', rule: 'must be a JSON object, not null' }] } });
  });

  it('refuses unknown fields and prototype keys as ordinary unknown fields', () => {
    expect(parseTaskUnsubscribe({ taskId: id, extra: 1 })).toMatchObject({ error: { violations: [{ field: 'extra', rule: 'is not a known field' }] } });
    expect(parseClusterRequest(JSON.parse('{"cluster":"prod","__proto__":{"admin":true}}'))).toMatchObject({
      error: { violations: [{ field: '__proto__', rule: 'is not a known field' }] },
    });
  });

  it('checks cluster names as DNS-1123 labels', () => {
    expect(parseClusterRequest({ cluster: 'prod-1' })).toEqual({ cluster: 'prod-1' });
    expect(parseClusterRequest({ cluster: 'Prod_1' })).toMatchObject({ error: { code: 'VALIDATION_FAILED', violations: [{ field: 'cluster' }] } });
  });
});
