import { ApiException } from '@kubernetes/client-node';
import { classifyApiError, parseRetryAfter } from './api-errors';

const status = (reason: string, message: string) => JSON.stringify({ kind: 'Status', reason, message });

describe('classifyApiError', () => {
  it('reads the Status of a 429 and its Retry-After in seconds', () => {
    const err = new ApiException(429, 'too many', status('TooManyRequests', 'slow down'), { 'retry-after': '3' });
    expect(classifyApiError(err, 0)).toEqual({
      status: 429, retryable: true, notFound: false, retryAfterMs: 3000, reason: 'HTTP 429 TooManyRequests: slow down',
    });
  });

  it('treats 409 conflicts and 5xx as retryable, 404 as not found, 422 and 403 as final', () => {
    expect(classifyApiError(new ApiException(409, 'c', status('Conflict', 'modified'), {}), 0).retryable).toBe(true);
    expect(classifyApiError(new ApiException(503, 'u', 'unavailable', {}), 0).retryable).toBe(true);
    expect(classifyApiError(new ApiException(404, 'nf', status('NotFound', 'gone'), {}), 0)).toMatchObject({ notFound: true, retryable: false });
    expect(classifyApiError(new ApiException(422, 'i', status('Invalid', 'bad'), {}), 0).retryable).toBe(false);
    expect(classifyApiError(new ApiException(403, 'f', status('Forbidden', 'no'), {}), 0).retryable).toBe(false);
  });

  it('treats connection errors as retryable network errors', () => {
    const err = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    expect(classifyApiError(err, 0)).toMatchObject({ status: null, retryable: true });
  });

  it('does not retry programming errors', () => {
    expect(classifyApiError(new RangeError('boom'), 0).retryable).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('parses seconds, HTTP dates, and caps long waits at 60 s', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('3600', 0)).toBe(60_000);
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});
