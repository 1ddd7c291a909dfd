/** How the executor treats one failed Kubernetes call. */
export interface ApiFailure {
  /** HTTP status, or null for a network error. */
  status: number | null;
  /** Worth another attempt: 409 conflict, 429, 5xx, network errors. */
  retryable: boolean;
  /** The node does not exist (404). */
  notFound: boolean;
  /** Server-requested wait from `Retry-After` (seconds form), ms; null when absent. */
  retryAfterMs: number | null;
  /** One line for events and node results, e.g. `HTTP 429 TooManyRequests: rate limited`. */
  reason: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** Longest Retry-After honoured, ms (a larger value is capped, not ignored). */
export const MAX_RETRY_AFTER_MS = 60_000;

interface StatusBody {
  reason?: string;
  message?: string;
}

function parseStatus(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return parseStatus(JSON.parse(body));
    } catch {
      return { message: body.slice(0, 300) };
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : {};
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

/** `Retry-After` in delay-seconds form -> ms (capped at {@link MAX_RETRY_AFTER_MS}); HTTP-date form -> ms from `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value.trim()) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (e instanceof Error && /fetch failed|socket hang up|network/i.test(e.message)) return e.message;
  }
  return undefined;
}

/**
 * Classifies an error thrown by a client-node call. Errors are `ApiException{code, body, headers}`;
 * for 409/422/429 the body is raw text holding a metav1 Status (TECH-NOTES 1). Retryable:
 * 409 (a resourceVersion precondition lost a race: re-read and retry), 429 and 5xx (honouring
 * Retry-After), network errors. Anything else (400, 403, 422 validation, ...) is final.
 */
export function classifyApiError(err: unknown, nowMs: number): ApiFailure {
  const status = (err as { code?: unknown })?.code;
  if (typeof status === 'number' && status >= 100 && status < 600) {
    const s = parseStatus((err as { body?: unknown }).body);
    const detail = s.message ?? (err instanceof Error ? err.message.split('\n')[0] : '');
    return {
      status,
      retryable: status === 409 || status === 429 || status >= 500,
      notFound: status === 404,
      retryAfterMs: parseRetryAfter(headerValue((err as { headers?: unknown }).headers, 'retry-after'), nowMs),
      reason: `HTTP ${status}${s.reason ? ` ${s.reason}` : ''}${detail ? `: ${detail}` : ''}`,
    };
  }
  const code = networkCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return { status: null, retryable: code !== undefined, notFound: false, retryAfterMs: null, reason: code ? `network error: ${message}` : message };
}
