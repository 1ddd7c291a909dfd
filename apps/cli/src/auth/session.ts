import { CliError, ExitCode } from '../exit-codes';
import type { CliClock } from '../output';
import type { SessionAuth, TokenAuth } from '../config/cli-config';
import type { ConfigStore } from '../config/config-store';
import { ApiClient, type Credentials, type FetchFn } from '../http/api-client';
import { ApiRequestError } from '../http/api-error';
import { CSRF_COOKIE, CSRF_HEADER, PendingRoutes, REFRESH_COOKIE, type LoginResponse } from '../http/pending-routes';
import { cookieHeader, setCookieValue } from './cookies';

/** Refresh this long before the access token expires, ms (clock skew, request time). */
const EXPIRY_MARGIN_MS = 30_000;

/** An API token (`knm_...`) or an access token from KNM_TOKEN, sent as `Authorization: Bearer`. */
export class TokenCredentials implements Credentials {
  readonly loginHint: string;
  constructor(private readonly token: string, fromEnv: boolean) {
    this.loginHint = fromEnv ? 'the token in KNM_TOKEN was refused; check or unset it' : 'the stored API token was refused; log in again with knm login';
  }
  async authorization(): Promise<string> {
    return `Bearer ${this.token}`;
  }
  async renewAfterUnauthorized(): Promise<boolean> {
    return false;
  }
}

/** Builds a stored token credential. */
export const storedToken = (auth: TokenAuth): TokenCredentials => new TokenCredentials(auth.token, false);

/**
 * A password session: the access token, renewed through `POST /auth/refresh` (refresh cookie +
 * CSRF double submit, AUTH-SPEC.md) shortly before it expires and after a 401. Renewal happens
 * under the config file's lock and re-reads the file first, so parallel `knm` processes use one
 * rotation instead of presenting the same refresh token twice (which a rotating server takes as
 * token theft). A refused refresh removes the session from the config (exit 3, log in again).
 */
export class SessionCredentials implements Credentials {
  readonly loginHint = 'your session has ended; log in again with knm login';
  constructor(
    private auth: SessionAuth,
    private readonly store: ConfigStore,
    private readonly clock: CliClock,
    private readonly fetchFn: FetchFn = fetch,
  ) {}

  async authorization(): Promise<string> {
    if (this.auth.accessTokenExpiresAt - EXPIRY_MARGIN_MS <= this.clock.now()) await this.renew();
    return `Bearer ${this.auth.accessToken}`;
  }

  async renewAfterUnauthorized(): Promise<boolean> {
    await this.renew();
    return true;
  }

  /** Current session (after any renewal). */
  get session(): SessionAuth {
    return this.auth;
  }

  private async renew(): Promise<void> {
    const used = this.auth.accessToken;
    await this.store.withLock(async () => {
      const stored = this.store.read().auth;
      if (stored?.type === 'session' && stored.server === this.auth.server && stored.accessToken !== used && stored.accessTokenExpiresAt - EXPIRY_MARGIN_MS > this.clock.now()) {
        this.auth = stored;
        return;
      }
      const current = stored?.type === 'session' && stored.server === this.auth.server ? stored : this.auth;
      this.auth = await refreshSession(current, this.clock, this.fetchFn).catch((err: unknown) => {
        if (err instanceof ApiRequestError && (err.failure.status === 401 || err.failure.status === 403)) this.forget();
        throw err;
      });
      const config = this.store.read();
      this.store.write({ ...config, auth: this.auth });
    });
  }

  private forget(): void {
    const { auth: _auth, ...rest } = this.store.read();
    this.store.write(rest);
  }
}

/** SessionAuth from a login/refresh answer and its Set-Cookie lines (keeping the old cookie values a response did not set). */
export function sessionFrom(server: string, res: { body: LoginResponse; headers: Headers }, clock: CliClock, previous?: SessionAuth): SessionAuth {
  const cookies = res.headers.getSetCookie();
  const refreshToken = setCookieValue(cookies, REFRESH_COOKIE) ?? previous?.refreshToken;
  if (!refreshToken) throw new CliError(`the server at ${server} answered the login without a ${REFRESH_COOKIE} cookie`, ExitCode.Unreachable);
  return {
    type: 'session',
    server,
    username: res.body.user?.username ?? previous?.username ?? '',
    accessToken: res.body.accessToken,
    accessTokenExpiresAt: clock.now() + res.body.expiresIn * 1000,
    refreshToken,
    csrfToken: setCookieValue(cookies, CSRF_COOKIE) ?? previous?.csrfToken ?? null,
  };
}

/** The cookie + CSRF headers of the refresh session's routes (refresh, logout). */
export function sessionHeaders(auth: SessionAuth): Record<string, string> {
  return {
    cookie: cookieHeader({ [REFRESH_COOKIE]: auth.refreshToken, [CSRF_COOKIE]: auth.csrfToken }),
    ...(auth.csrfToken ? { [CSRF_HEADER]: auth.csrfToken } : {}),
  };
}

/**
 * `POST /auth/refresh` with the refresh cookie. @throws ApiRequestError (401/403: exit 3) when the
 * session is no longer valid; CliError exit 3 when the server cannot be reached.
 */
export async function refreshSession(auth: SessionAuth, clock: CliClock, fetchFn: FetchFn = fetch): Promise<SessionAuth> {
  const client = new ApiClient(auth.server, undefined, fetchFn);
  const res = await client.send<LoginResponse>('POST', PendingRoutes.refresh(), {}, sessionHeaders(auth));
  if (res.status !== 200) throw client.failure(res);
  return sessionFrom(auth.server, res, clock, auth);
}
