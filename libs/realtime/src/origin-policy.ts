import type { IncomingHttpHeaders } from 'node:http';

/**
 * Browser origin check for the socket handshake: same origin by default (the `Origin` header's
 * host equals the `Host` header), plus the configured extra origins (AppConfig.corsOrigins).
 * Requests without an `Origin` header (non-browser clients) are allowed; authentication, not the
 * origin, guards those. WebSocket upgrades are not subject to CORS, so this check is what stops a
 * foreign page from opening a socket with the user's cookies.
 */
export class OriginPolicy {
  constructor(private readonly extraOrigins: readonly string[]) {}

  /** True when a handshake with these headers may connect. */
  allows(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (!origin) return true;
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
