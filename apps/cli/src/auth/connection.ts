import { CliError, ExitCode, usageError } from '../exit-codes';
import type { CliClock } from '../output';
import { serverOrigin, type CliConfig } from '../config/cli-config';
import type { ConfigStore } from '../config/config-store';
import { ApiClient, NO_CREDENTIALS, type Credentials, type FetchFn } from '../http/api-client';
import { SessionCredentials, storedToken, TokenCredentials } from './session';

/** Where a command talks to, and with what credentials. */
export interface Connection {
  server: string;
  credentials: Credentials;
  api: ApiClient;
}

/**
 * The server: `--server`, else KNM_SERVER, else the config's. Never a built-in default: a CLI
 * that silently talks to localhost when nothing is configured hides mistakes.
 * @throws CliError exit 2 when none is set or it is not an http(s) origin.
 */
export function resolveServer(flag: string | undefined, env: NodeJS.ProcessEnv, config: CliConfig): string {
  const raw = flag ?? env.KNM_SERVER ?? config.server;
  if (!raw) throw usageError('no server: pass --server URL, set KNM_SERVER, or run knm login --server URL');
  try {
    return serverOrigin(raw);
  } catch (err) {
    throw usageError((err as Error).message);
  }
}

/**
 * Credentials for `server`: KNM_TOKEN when set, else the stored credentials when they were
 * issued by this same server (stored credentials are never sent to another server), else none
 * (the API without authentication).
 */
export function resolveCredentials(server: string, env: NodeJS.ProcessEnv, config: CliConfig, store: ConfigStore, clock: CliClock, fetchFn: FetchFn = fetch): Credentials {
  if (env.KNM_TOKEN) return new TokenCredentials(env.KNM_TOKEN, true);
  const auth = config.auth;
  if (!auth || auth.server !== server) return NO_CREDENTIALS;
  if (auth.type === 'token') return storedToken(auth);
  if (auth.type === 'session') return new SessionCredentials(auth, store, clock, fetchFn);
  throw new CliError(`${store.path} holds credentials of an unknown type; run knm logout`, ExitCode.Unreachable);
}

/** Server + credentials + client, from flags, environment and the config file. */
export function connect(flagServer: string | undefined, env: NodeJS.ProcessEnv, store: ConfigStore, clock: CliClock, fetchFn: FetchFn = fetch): Connection {
  const config = store.read();
  const server = resolveServer(flagServer, env, config);
  const credentials = resolveCredentials(server, env, config, store, clock, fetchFn);
  return { server, credentials, api: new ApiClient(server, credentials, fetchFn) };
}
