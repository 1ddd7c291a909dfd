/**
 * meta/v1 Status errors with the API server's shapes, reasons and messages
 * (k8s.io/apimachinery/pkg/api/errors/errors.go).
 */

/** One entry of `details.causes`. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** meta/v1 Status as the API server renders it. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** An error that the HTTP layer renders as a Status with `code` as the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Status['details'],
    /** Extra response headers, e.g. `Retry-After` (seconds) for 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The Status body. */
  toStatus(): Status {
    const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** Identifies the object an error is about: `resource` is the plural (`nodes`), `group` '' for core. */
export interface ErrorTarget {
  group: string;
  resource: string;
  name: string;
}

const qualified = (t: ErrorTarget): string => (t.group ? `${t.resource}.${t.group}` : t.resource);

/** 404 NotFound: `nodes "x" not found`. */
export function notFound(t: ErrorTarget): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(t)} "${t.name}" not found`, { name: t.name, group: t.group || undefined, kind: t.resource });
}

/** 409 AlreadyExists: `nodes "x" already exists`. */
export function alreadyExists(t: ErrorTarget): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(t)} "${t.name}" already exists`, { name: t.name, group: t.group || undefined, kind: t.resource });
}

/** 409 Conflict for a stale resourceVersion precondition (the optimistic-concurrency message). */
export function conflict(t: ErrorTarget): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(t)} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name: t.name, group: t.group || undefined, kind: t.resource },
  );
}

/** 422 Invalid: `Node "x" is invalid: <field>: <detail>` with one cause per violation; `kind` is the Kind (`Node`). */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): ApiError {
  const summary = causes.map((c) => `${c.field}: ${c.message}`);
  const text = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${text}`, { name, group: group || undefined, kind, causes });
}

/** 400 BadRequest with a free-form message. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 410 Gone for a watch or continue token older than the retained history. */
export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/** 429 TooManyRequests with `Retry-After` seconds (header and details), as API priority and fairness sends. */
export function tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

/** 415 UnsupportedMediaType for a PATCH content type the simulator does not implement. */
export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType})`);
}

/** 500 InternalError. */
export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: 'UnexpectedServerResponse', message }] });
}
