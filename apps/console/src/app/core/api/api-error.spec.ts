import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ApiError, toApiError } from './api-error';

const httpError = (status: number, error: unknown, headers?: Record<string, string>) =>
  new HttpErrorResponse({ status, statusText: 'X', error, headers: new HttpHeaders(headers) });

describe('API error normalisation', () => {
  it("keeps the server's code, message, violations and request id", () => {
    const err = toApiError(
      httpError(
        400,
        { code: 'VALIDATION_FAILED', message: 'params invalid', details: { violations: [{ field: 'params.set["a b"]', rule: 'bad key' }] } },
        { 'x-request-id': 'req-1' },
      ),
    );
    expect({ code: err.code, message: err.message, status: err.status, violations: err.violations, requestId: err.requestId }).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'params invalid',
      status: 400,
      violations: [{ field: 'params.set["a b"]', rule: 'bad key' }],
      requestId: 'req-1',
    });
  });

  it('parses an error body that arrived as a JSON string', () => {
    const err = toApiError(httpError(409, JSON.stringify({ code: 'NODE_CLAIMED', message: 'node n1 is in task t9' })));
    expect([err.code, err.message]).toEqual(['NODE_CLAIMED', 'node n1 is in task t9']);
  });

  it('drops malformed violations instead of failing', () => {
    const err = toApiError(httpError(400, { code: 'VALIDATION_FAILED', message: 'm', details: { violations: [{ field: 1 }, 'x'] } }));
    expect(err.violations).toEqual([]);
  });

  it('maps an unknown server code to the code of its HTTP status, keeping the message', () => {
    const err = toApiError(httpError(404, { code: 'SOMETHING_NEW', message: 'gone' }));
    expect([err.code, err.message]).toEqual(['NOT_FOUND', 'gone']);
  });

  it('reports an unreachable API as NETWORK with status 0', () => {
    const err = toApiError(httpError(0, new ProgressEvent('error')));
    expect([err.code, err.status]).toEqual(['NETWORK', 0]);
  });

  it('describes a non-JSON 502 from a proxy by status and text', () => {
    const err = toApiError(httpError(502, 'Bad Gateway'));
    expect([err.code, err.message]).toEqual(['INTERNAL', 'HTTP 502: Bad Gateway']);
  });

  it('returns an ApiError unchanged', () => {
    const original = new ApiError('NOT_FOUND', 'x', 404);
    expect(toApiError(original)).toBe(original);
  });
});
