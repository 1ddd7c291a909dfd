/**
 * The CLI's config file (`$XDG_CONFIG_HOME/knm/config.json`, else `~/.config/knm/config.json`):
 * the default server and cluster, and credentials bound to the server they were issued by.
 */
export interface CliConfig {
  /** Default API server, an http(s) origin such as `https://knm.example.com`. */
  server?: string;
  /** Default cluster for commands that take `-c/--cluster`. */
  cluster?: string;
  auth?: StoredAuth;
}

/** An API token (`knm_...`) given to `knm login --token`. */
export interface TokenAuth {
  type: 'token';
  /** Origin the token belongs to; it is never sent to another server. */
  server: string;
  token: string;
  /** Who the server said the token acts for, when it could tell. */
  username?: string;
}

/**
 * A password login: the short-lived access token and the refresh token with its CSRF token
 * (the `knm_refresh` and `knm_csrf` cookies of POST /auth/login, AUTH-SPEC.md), rotated by
 * POST /auth/refresh.
 */
export interface SessionAuth {
  type: 'session';
  server: string;
  username: string;
  accessToken: string;
  /** When the access token expires, ms since the epoch. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  csrfToken: string | null;
}

export type StoredAuth = TokenAuth | SessionAuth;

/** Normalised origin of a server URL (`https://host[:port]`). @throws Error when not an http(s) URL without path, query or credentials. */
export function serverOrigin(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`server must be an http(s) URL such as https://knm.example.com, got "${server}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`server must be an http or https URL, got "${server}"`);
  if (url.username || url.password) throw new Error('server URL must not carry credentials');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw new Error(`server must be an origin without a path, e.g. ${url.origin}`);
  return url.origin;
}
