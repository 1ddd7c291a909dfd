import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorBody, ErrorCode, ErrorHttpStatus } from '@knm/contracts';
import { DomainError } from './domain-error';

/**
 * Codes for the HTTP exceptions the framework itself throws (our code throws DomainErrors): the
 * router's 404 for an unknown method and path is ROUTE_NOT_FOUND; any other 4xx without an entry
 * here is BAD_REQUEST.
 */
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  405: ErrorCode.MethodNotAllowed,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
};

const codeOfStatus = (status: number): ErrorCode => HTTP_STATUS_CODES[status] ?? (status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal);

/**
 * The one global filter for HTTP: DomainError -> its mapped status and `{code, message, details?}`;
 * Nest HttpException -> its status with a specific code; anything else -> 500 INTERNAL (logged,
 * message hidden). Also catches what the body and origin gate (JsonBodyMiddleware) throws.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { code: exception.code, message: exception.message };
      if (exception.details) body.details = exception.details;
      return { status: ErrorHttpStatus[exception.code], body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { status, body: { code: codeOfStatus(status), message } };
    }
    return { status: 500, body: { code: ErrorCode.Internal, message: 'Internal server error' } };
  }
}
