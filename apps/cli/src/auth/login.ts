import { CliError, ExitCode } from '../exit-codes';
import type { CliClock } from '../output';
import type { SessionAuth } from '../config/cli-config';
import { ApiClient, type FetchFn } from '../http/api-client';
import { PendingRoutes, type LoginResponse, type MeResponse } from '../http/pending-routes';
import { sessionFrom, sessionHeaders, TokenCredentials } from './session';

/** Login refusals are authentication failures (exit 3), except a malformed request (400, exit 2). */
function loginFailure(client: ApiClient, res: { status: number; body: unknown; headers: Headers }): CliError {
  const err = client.failure(res);
  if (res.status === 400) return err;
  return new CliError(`login failed: ${err.message}`, ExitCode.Unreachable, err.details.filter((d) => !d.includes('knm login')));
}

/**
 * `POST /auth/login {username, password}` -> the session to store (access token, refresh and
 * CSRF cookies). @throws CliError exit 3: wrong credentials, throttled, the server has no login
 * (404: it runs without authentication), or the account must change its password first.
 */
export async function loginWithPassword(server: string, username: string, password: string, clock: CliClock, fetchFn: FetchFn = fetch): Promise<SessionAuth> {
  const client = new ApiClient(server, undefined, fetchFn);
  const res = await client.send<LoginResponse>('POST', PendingRoutes.login(), { username, password });
  if (res.status === 404) {
    throw new CliError(`the server at ${server} has no login endpoint (404): it runs without authentication`, ExitCode.Unreachable, [
      `No login is needed: knm config set-server ${server}`,
    ]);
  }
  if (res.status !== 200) throw loginFailure(client, res);
  if (res.body.mustChangePassword) {
    throw new CliError(`the password of ${username} must be changed before it can be used`, ExitCode.Unreachable, [
      `Change it in the console at ${server}, then run knm login again.`,
    ]);
  }
  return sessionFrom(server, res, clock);
}

/** What `GET /auth/me` says about a token: its user, or that the server has no authentication (404). */
export type TokenCheck = { authEnabled: true; username: string } | { authEnabled: false };

/** Checks an API token with `GET /auth/me`. @throws ApiRequestError (401/403 exit 3) when refused; CliError exit 3 when unreachable. */
export async function verifyToken(server: string, token: string, fetchFn: FetchFn = fetch): Promise<TokenCheck> {
  const client = new ApiClient(server, new TokenCredentials(token, false), fetchFn);
  const res = await client.send<MeResponse>('GET', PendingRoutes.me());
  if (res.status === 404) return { authEnabled: false };
  if (res.status !== 200) throw client.failure(res);
  return { authEnabled: true, username: res.body.user.username };
}

/**
 * `POST /auth/logout` with the refresh cookie: the server revokes the session family. A session
 * the server no longer knows (401) counts as ended.
 * @throws CliError exit 3 when the server cannot be reached (the caller still forgets the session).
 */
export async function logoutSession(auth: SessionAuth, fetchFn: FetchFn = fetch): Promise<void> {
  const client = new ApiClient(auth.server, new TokenCredentials(auth.accessToken, false), fetchFn);
  const res = await client.send('POST', PendingRoutes.logout(), {}, sessionHeaders(auth));
  if (res.status >= 400 && res.status !== 401) throw client.failure(res);
}
