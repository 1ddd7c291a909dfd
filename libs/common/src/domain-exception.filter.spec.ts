import {
  ArgumentsHost,
  BadRequestException,
  ImATeapotException,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ErrorCode } from '@knm/contracts';
import { DomainError, ValidationError } from './domain-error';
import { DomainExceptionFilter } from './domain-exception.filter';

function httpHost() {
  const res = { statusCode: 0, body: undefined as unknown, status(c: number) { this.statusCode = c; return this; }, json(b: unknown) { this.body = b; return this; } };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  return { res, host };
}

describe('DomainExceptionFilter', () => {
  const filter = new DomainExceptionFilter();

  it('maps a domain error to its status and {code, message, details}', () => {
    const { res, host } = httpHost();
    filter.catch(new DomainError(ErrorCode.NodeClaimed, 'node n1 is claimed by task t1', { taskId: 't1' }), host);
    expect(res.statusCode).toBe(409);
    expect(res.body).toEqual({ code: 'NODE_CLAIMED', message: 'node n1 is claimed by task t1', details: { taskId: 't1' } });
  });

  it('lists every violation of a validation error', () => {
    const { res, host } = httpHost();
    filter.catch(new ValidationError([{ field: 'params.set["a b"]', rule: 'name part must ...' }]), host);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'params.set["a b"]' }] } });
  });

  it('keeps the message of a Nest HTTP exception and gives it a specific code', () => {
    const { res, host } = httpHost();
    filter.catch(new BadRequestException(['something the framework refused']), host);
    expect(res.statusCode).toBe(400);
    expect(res.body).toEqual({ code: 'BAD_REQUEST', message: 'something the framework refused' });
  });

  it.each([
    [new NotFoundException('Cannot GET /api/v1/nope'), 404, 'ROUTE_NOT_FOUND'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnsupportedMediaTypeException(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new MethodNotAllowedException(), 405, 'METHOD_NOT_ALLOWED'],
    [new ImATeapotException(), 418, 'BAD_REQUEST'],
  ])('maps the framework exception %p to status %p and code %p', (exception, status, code) => {
    const { res, host } = httpHost();
    filter.catch(exception, host);
    expect(res.statusCode).toBe(status);
    expect(res.body).toMatchObject({ code });
  });

  it('hides the message of an unexpected error behind 500 INTERNAL', () => {
    const { res, host } = httpHost();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    filter.catch(new Error('db password is hunter2'), host);
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ code: 'INTERNAL', message: 'Internal server error' });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
