import type { IncomingHttpHeaders } from 'node:http';

/**
 * The browser origin rule of the API, shared by REST (every mutating route) and the socket
 * handshake: a request without an `Origin` header (curl, kubectl-like clients, server-to-server)
 * passes; a browser request passes when its `Origin` is the API's own (its host equals the `Host`
 * header) or one of the configured origins (AppConfig.corsOrigins). `Origin: null` (sandboxed
 * frames, file: pages) never passes. This is what stops a foreign page from creating tasks or
 * opening a socket with an operator's browser (forms and WebSocket upgrades are not subject to
 * CORS). Behind a proxy that rewrites `Host`, list the console's public origin in KNM_CORS_ORIGINS.
 */
export class OriginPolicy {
  constructor(private readonly extraOrigins: readonly string[]) {}

  /** True when a request with these headers may act. */
  allows(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    if (this.extraOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === headers.host;
    } catch {
      return false;
    }
  }

  /** Whether a cross-origin (CORS) request from `origin` gets CORS headers: only the configured extra origins. */
  corsAllows(origin: string | undefined): boolean {
    return origin !== undefined && this.extraOrigins.includes(origin);
  }
}
