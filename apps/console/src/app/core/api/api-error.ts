import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, REQUEST_ID_HEADER, type ErrorBody, type FieldViolation } from '@knm/contracts';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The one error type the console shows. Built from any failed HTTP call: the server's
 * `{code, message, details.violations}` when the body has that shape, otherwise a code derived
 * from the transport failure (status 0 = unreachable, 5xx = INTERNAL, ...).
 */
export class ApiError extends Error {
  constructor(
    /** Error code from the contracts, or `NETWORK` when no HTTP answer arrived. */
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    /** HTTP status (0 when the request never got an answer). */
    readonly status: number,
    readonly violations: readonly FieldViolation[] = [],
    readonly requestId: string | null = null,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server named a field that broke a rule. */
  get hasViolations(): boolean {
    return this.violations.length > 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isViolation(value: unknown): value is FieldViolation {
  return isRecord(value) && typeof value['field'] === 'string' && typeof value['rule'] === 'string';
}

function isErrorBody(value: unknown): value is ErrorBody {
  return isRecord(value) && typeof value['code'] === 'string' && typeof value['message'] === 'string';
}

function codeForStatus(status: number): ErrorCode | 'NETWORK' {
  if (status === 0) return 'NETWORK';
  if (status === 400) return ErrorCode.ValidationFailed;
  if (status === 401) return ErrorCode.Unauthorized;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  return ErrorCode.Internal;
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Normalises anything a failed call can throw into an {@link ApiError}. Idempotent: an ApiError
 * comes back unchanged. Unknown server codes are kept as the status-derived code, with the
 * server's message.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpErrorResponse) {
    const requestId = error.headers?.get(REQUEST_ID_HEADER) ?? null;
    const body = parseBody(error.error);
    if (isErrorBody(body)) {
      const details = isRecord(body.details) ? body.details : {};
      const rawViolations = details['violations'];
      const violations = Array.isArray(rawViolations) ? rawViolations.filter(isViolation) : [];
      const code = KNOWN_CODES.has(body.code) ? body.code : codeForStatus(error.status);
      return new ApiError(code, body.message, error.status, violations, requestId, details);
    }
    if (error.status === 0) {
      return new ApiError('NETWORK', 'The API could not be reached. Check your connection and try again.', 0, [], requestId);
    }
    const text = typeof body === 'string' && body.length > 0 && body.length < 300 ? body : error.statusText;
    return new ApiError(codeForStatus(error.status), `HTTP ${error.status}: ${text || 'request failed'}`, error.status, [], requestId);
  }
  if (error instanceof Error) return new ApiError(ErrorCode.Internal, error.message, 0);
  return new ApiError(ErrorCode.Internal, String(error), 0);
}
