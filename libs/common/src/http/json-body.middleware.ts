import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'express';
import { ErrorCode, KUBECONFIG_MAX_LENGTH } from '@knm/contracts';
import { AppConfig } from '../app-config';
import { DomainError } from '../domain-error';
import { OriginPolicy } from './origin-policy';

/**
 * Largest request body accepted, bytes: a kubeconfig of KUBECONFIG_MAX_LENGTH characters in the
 * most expensive JSON encoding (6 bytes per character, `\uXXXX`) plus 64 KiB for the other fields.
 * So every documented limit holds whatever JSON encoder the client uses.
 */
export const JSON_BODY_LIMIT_BYTES = 6 * KUBECONFIG_MAX_LENGTH + 64 * 1024;

/** Methods that change something; they take JSON bodies only and are origin-checked. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Next = (err?: unknown) => void;
type BodyRequest = IncomingMessage & { body?: unknown };

/** Whether the request carries a body (RFC 9112 6.3: Transfer-Encoding, or a non-zero Content-Length). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const mediaType = (contentType: string): string => contentType.split(';')[0].trim().toLowerCase();

/** The `charset` parameter of a Content-Type, lowercased, or undefined. */
const charsetOf = (contentType: string): string | undefined => /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1].toLowerCase();

/** Position of a JSON syntax error from the parser's message, without echoing the body. */
function syntaxRule(err: { message?: string }): string {
  const at = /position (\d+)/.exec(err.message ?? '');
  return at ? `must be valid JSON (syntax error at byte ${at[1]})` : 'must be valid JSON';
}

/** Maps a body-parser error (http-errors with `type`) to the API's error model. */
export function bodyParserError(err: unknown): DomainError | unknown {
  const e = err as { type?: string; limit?: number; charset?: string; message?: string };
  switch (e?.type) {
    case 'entity.too.large':
      return new DomainError(ErrorCode.PayloadTooLarge, `request body larger than ${e.limit} bytes`, {
        limitBytes: e.limit,
        violations: [{ field: 'body', rule: `must be at most ${e.limit} bytes` }],
      });
    case 'entity.parse.failed':
      return new DomainError(ErrorCode.MalformedJson, 'request body is not valid JSON', { violations: [{ field: 'body', rule: syntaxRule(e) }] });
    case 'charset.unsupported':
      return unsupported('headers.content-type', `charset must be utf-8, not ${e.charset}`);
    case 'encoding.unsupported':
      return unsupported('headers.content-encoding', 'must be absent (compressed bodies are not accepted)');
    case 'request.size.invalid':
    case 'request.aborted':
      return new DomainError(ErrorCode.MalformedJson, 'request body ended before its Content-Length', {
        violations: [{ field: 'body', rule: 'must be as long as Content-Length says' }],
      });
    default:
      return err;
  }
}

function unsupported(field: string, rule: string): DomainError {
  return new DomainError(ErrorCode.UnsupportedMediaType, `request body must be application/json: ${field} ${rule}`, {
    violations: [{ field, rule }],
  });
}

/**
 * The API's body and origin gate, before any route runs (replaces Nest's default body parsers,
 * which also accepted form-encoded bodies: issue 8, class 3).
 *
 * For a mutating method (POST, PUT, PATCH, DELETE):
 * 1. a browser `Origin` must pass the {@link OriginPolicy} (same origin or KNM_CORS_ORIGINS), else
 *    403 ORIGIN_NOT_ALLOWED;
 * 2. a `Content-Type`, when given, must be `application/json` (charset utf-8 or none), and a body
 *    needs one: else 415 UNSUPPORTED_MEDIA_TYPE (form-encoded, text/plain, multipart, none);
 * 3. the body is parsed as JSON (any JSON value: `null` reaches validation and gets a violation
 *    there), at most {@link JSON_BODY_LIMIT_BYTES} bytes, uncompressed: else 413
 *    PAYLOAD_TOO_LARGE or 400 MALFORMED_JSON naming the byte of the syntax error.
 * Other methods are not parsed (a GET body is ignored). Errors are thrown so the global filter
 * answers them with a request id.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly origins: OriginPolicy;
  private readonly parse = json({ limit: JSON_BODY_LIMIT_BYTES, strict: false, inflate: false, type: () => true });

  constructor(config: AppConfig) {
    this.origins = new OriginPolicy(config.corsOrigins);
  }

  async use(req: BodyRequest, res: ServerResponse, next: Next): Promise<void> {
    if (!MUTATING_METHODS.has(req.method ?? '')) return next();
    if (!this.origins.allows(req.headers)) {
      throw new DomainError(ErrorCode.OriginNotAllowed, `origin ${req.headers.origin} may not call this API (same origin or KNM_CORS_ORIGINS only)`, {
        origin: req.headers.origin,
        violations: [{ field: 'headers.origin', rule: 'must be the API\'s own origin or one of KNM_CORS_ORIGINS' }],
      });
    }
    const contentType = req.headers['content-type'];
    if (contentType !== undefined && mediaType(contentType) !== 'application/json') {
      throw unsupported('headers.content-type', `must be application/json, not ${mediaType(contentType) || 'empty'}`);
    }
    const charset = contentType === undefined ? undefined : charsetOf(contentType);
    if (charset !== undefined && charset !== 'utf-8') throw unsupported('headers.content-type', `charset must be utf-8 (RFC 8259), not ${charset}`);
    if (!hasBody(req)) return next();
    if (contentType === undefined) throw unsupported('headers.content-type', 'must be application/json for a request with a body');
    await new Promise<void>((resolve, reject) =>
      this.parse(req as Parameters<typeof this.parse>[0], res as Parameters<typeof this.parse>[1], (err?: unknown) => (err ? reject(bodyParserError(err)) : resolve())),
    );
    next();
  }
}
