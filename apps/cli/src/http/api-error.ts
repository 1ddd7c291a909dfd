import type { ErrorBody, FieldViolation } from '@knm/contracts';
import { CliError, ExitCode } from '../exit-codes';

/** What the server answered when it refused a request. */
export interface ApiFailure {
  status: number;
  code: string | null;
  message: string;
  violations: FieldViolation[];
  requestId: string | null;
}

/** Exit code for an HTTP error status: 400 -> 2 (bad input), 401/403 -> 3 (authentication), else 1. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 400) return ExitCode.Usage;
  if (status === 401 || status === 403) return ExitCode.Unreachable;
  return ExitCode.Failed;
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).message === 'string';
}

/** Reads an error response body (`{code, message, details?}`, or anything else a proxy may answer). */
export function apiFailure(status: number, body: unknown, requestId: string | null): ApiFailure {
  if (isErrorBody(body)) {
    const violations = Array.isArray(body.details?.violations) ? body.details.violations : [];
    return { status, code: typeof body.code === 'string' ? body.code : null, message: body.message, violations, requestId };
  }
  const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
  return { status, code: null, message: text || `HTTP ${status}`, violations: [], requestId };
}

/** A refused API request, reported as `error: <message> (<status> <code>, request id <id>)` with one line per violation. */
export class ApiRequestError extends CliError {
  constructor(readonly failure: ApiFailure, hint?: string) {
    const tag = [String(failure.status), failure.code].filter(Boolean).join(' ');
    const rid = failure.requestId ? `, request id ${failure.requestId}` : '';
    const details = failure.violations.map((v) => `${v.field || '(body)'}: ${v.rule}`);
    // A validation message repeats its violations; they are listed one per line instead.
    const message = details.length > 0 ? 'the server rejected the request' : failure.message;
    super(`${message} (${tag}${rid})`, exitCodeForStatus(failure.status), hint ? [...details, hint] : details);
    this.name = 'ApiRequestError';
  }
}
