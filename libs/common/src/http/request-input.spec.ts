import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { of } from 'rxjs';
import { clusterParamsSchema, createClusterSchema, nodeListQuerySchema } from '@knm/contracts';
import { ValidationError } from '../domain-error';
import { Accepts, RequestInputInterceptor, validateRequestInput } from './request-input';

function violationsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.violations;
    throw err;
  }
  return [];
}

describe('validateRequestInput', () => {
  const spec = { params: clusterParamsSchema, query: nodeListQuerySchema };

  it('returns every part parsed by its schema', () => {
    expect(validateRequestInput(spec, { params: { cluster: 'prod' }, query: { limit: '5' } })).toEqual({ params: { cluster: 'prod' }, query: { limit: 5 }, body: undefined });
  });

  it('lists the violations of path, query and body together, each by its name', () => {
    const v = violationsOf(() => validateRequestInput(spec, { params: { cluster: 'Prod' }, query: { limit: '0', colour: 'blue' }, body: { a: 1 } }));
    expect(v.map((x) => [x.field, x.rule])).toEqual([
      ['cluster', expect.stringMatching(/^must be a lowercase RFC 1123 label/)],
      ['limit', 'must be at least 1'],
      ['colour', 'is not a known query parameter'],
      ['body', 'must be absent: this route takes no body'],
    ]);
  });

  it('refuses any query parameter on a route that declares none', () => {
    expect(violationsOf(() => validateRequestInput({}, { params: {}, query: { page: '1' } }))).toEqual([{ field: 'page', rule: 'is not a known query parameter' }]);
  });

  it('tolerates {} as "no body" and names a null body', () => {
    expect(violationsOf(() => validateRequestInput({}, { body: {} }))).toEqual([]);
    expect(violationsOf(() => validateRequestInput({ body: createClusterSchema }, { body: null }))).toEqual([{ field: 'body', rule: 'must be a JSON object, not null' }]);
  });
});

describe('RequestInputInterceptor', () => {
  class Routes {
    @Accepts({ params: clusterParamsSchema })
    get(): void {}
    bare(): void {}
  }
  const next: CallHandler = { handle: () => of('handled') };
  const context = (handler: () => void, req: object) =>
    ({ getType: () => 'http', getHandler: () => handler, switchToHttp: () => ({ getRequest: () => req }) }) as unknown as ExecutionContext;
  const interceptor = new RequestInputInterceptor(new Reflector());

  it('validates an API route with its declared schemas before the handler', () => {
    const req = { originalUrl: '/api/v1/clusters/prod', params: { cluster: 'prod' }, query: {} };
    interceptor.intercept(context(Routes.prototype.get, req), next);
    expect(Object.getOwnPropertySymbols(req).map((s) => (req as Record<symbol, unknown>)[s])).toEqual([{ params: { cluster: 'prod' }, query: {}, body: undefined }]);
    expect(() => interceptor.intercept(context(Routes.prototype.get, { ...req, params: { cluster: 'Bad_Name' } }), next)).toThrow(ValidationError);
  });

  it('treats an API route without schemas as taking no input, and leaves other paths alone', () => {
    expect(() => interceptor.intercept(context(Routes.prototype.bare, { originalUrl: '/api/v1/x?y=1', params: {}, query: { y: '1' } }), next)).toThrow(ValidationError);
    expect(() => interceptor.intercept(context(Routes.prototype.bare, { originalUrl: '/health/live?y=1', params: {}, query: { y: '1' } }), next)).not.toThrow();
  });
});
