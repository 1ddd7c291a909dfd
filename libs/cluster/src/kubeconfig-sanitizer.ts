import type { FieldViolation } from '@knm/contracts';

/**
 * Field-by-field policy for the cluster and user entries of a kubeconfig given to the API.
 *
 * A kubeconfig is data: nothing in it may make the server run a program, read one of its files or
 * send its requests somewhere other than the cluster's own server. Every field client-go's
 * clientcmd v1 types define (k8s.io/client-go/tools/clientcmd/api/v1/types.go) is either kept,
 * accepted and dropped (never read by anyone), or refused with the reason; unknown fields are
 * refused. @kubernetes/client-node 2.0.1 reads `token-file` at load time, and the
 * `certificate-authority`/`client-certificate`/`client-key` files on every request
 * (config_types.js, config.js), runs `exec` commands and the gcp `cmd-path`, and routes requests
 * through `proxy-url` (config.js createDispatcher): hence the refusals below.
 */
export interface SafeCluster {
  /** API server URL, no trailing slash. */
  server: string;
  /** Base64 PEM CA bundle. */
  caData?: string;
  skipTLSVerify: boolean;
  /** Name TLS verifies the server certificate against (SNI); the connection still goes to `server`. */
  tlsServerName?: string;
}

/** An exec credential plugin an admin allowed (AppConfig.kubeconfigExecCommands). */
export interface ExecPlugin {
  /** Absolute path, exactly one of the allowed commands. */
  command: string;
  args: string[];
  /** The kubeconfig's own variables, the only ones besides KUBERNETES_EXEC_INFO the plugin gets. */
  env: { name: string; value: string }[];
  /** `client.authentication.k8s.io/v1` or `v1beta1`. */
  apiVersion: string;
  provideClusterInfo: boolean;
}

export interface SafeUser {
  token?: string;
  /** Base64 PEM. */
  certData?: string;
  /** Base64 PEM. */
  keyData?: string;
  username?: string;
  password?: string;
  /** `as`: sent as Impersonate-User to this cluster only, which authorises it. */
  impersonate?: string;
  exec?: ExecPlugin;
}

export interface Sanitized<T> {
  value: T | null;
  violations: FieldViolation[];
}

type Mapping = Record<string, unknown>;
export const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

const NO_FILES = 'names a file on the server; the server never reads files named in a kubeconfig: inline it as';
const NOT_SUPPORTED = 'is not supported (the Kubernetes client the server uses ignores it, so it would not do what it says)';

/** Cluster fields refused, with why. */
const REFUSED_CLUSTER_FIELDS: Record<string, string> = {
  'certificate-authority': `${NO_FILES} certificate-authority-data`,
  'proxy-url':
    "routes the server's requests and credentials through a proxy the caller chooses, outside the server's address rules; not supported",
};
/** Cluster fields accepted and dropped: nothing reads them. */
const DROPPED_CLUSTER_FIELDS = new Set(['extensions', 'disable-compression']);

/** User fields refused, with why. */
const REFUSED_USER_FIELDS: Record<string, string> = {
  'token-file': `${NO_FILES} token`,
  tokenFile: `${NO_FILES} token`,
  'client-certificate': `${NO_FILES} client-certificate-data`,
  'client-key': `${NO_FILES} client-key-data`,
  'auth-provider':
    'is never supported: auth providers run helper programs (gcp cmd-path), read files, or send refresh tokens to a URL the kubeconfig names (oidc, azure); use a token, a client certificate, or an exec plugin an admin allowed',
  'as-uid': NOT_SUPPORTED,
  'as-groups': NOT_SUPPORTED,
  'as-user-extra': NOT_SUPPORTED,
};
const DROPPED_USER_FIELDS = new Set(['extensions']);

/** Variables a caller may not set for an allowed plugin: they change which code the plugin runs or loads. */
const REFUSED_ENV = /^(LD_.*|DYLD_.*|PATH|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|SHELLOPTS|PS4|IFS|PYTHON(PATH|STARTUP|HOME)|PERL5(OPT|LIB)|RUBY(OPT|LIB)|KUBERNETES_EXEC_INFO)$/;
const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const EXEC_FIELDS = new Set(['command', 'args', 'env', 'apiVersion', 'installHint', 'provideClusterInfo', 'interactiveMode']);

class Collector {
  readonly violations: FieldViolation[] = [];
  add(field: string, rule: string): void {
    this.violations.push({ field, rule });
  }
  string(o: Mapping, key: string, at: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.add(`${at}.${key}`, 'must be a string');
    return typeof v === 'string' ? v : undefined;
  }
  bool(o: Mapping, key: string, at: string): boolean {
    const v = o[key];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') this.add(`${at}.${key}`, 'must be true or false');
    return v === true;
  }
}

function checkServer(c: Collector, server: string | undefined, at: string): string | undefined {
  if (server === undefined || server.trim() === '') {
    c.add(`${at}.server`, 'is required: the URL of the cluster API server');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    c.add(`${at}.server`, `"${server}" is not a URL`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') c.add(`${at}.server`, `"${server}" must use https:// (or http://)`);
  else if (url.username || url.password) c.add(`${at}.server`, 'must not carry credentials in the URL');
  else return server.replace(/\/$/, '');
  return undefined;
}

function unknownOrRefused(c: Collector, o: Mapping, at: string, known: Set<string>, refused: Record<string, string>, dropped: Set<string>, what: string): void {
  for (const key of Object.keys(o)) {
    if (Object.hasOwn(refused, key)) c.add(`${at}.${key}`, refused[key]);
    else if (!known.has(key) && !dropped.has(key)) c.add(`${at}.${key}`, `is not a kubeconfig ${what} field`);
  }
}

const CLUSTER_FIELDS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name']);

/** Sanitises `clusters[i].cluster` found at `at` (e.g. `kubeconfig.clusters[0].cluster`). */
export function sanitizeCluster(entry: unknown, at: string): Sanitized<SafeCluster> {
  const c = new Collector();
  if (!isMapping(entry)) {
    c.add(at, 'must be a mapping');
    return { value: null, violations: c.violations };
  }
  unknownOrRefused(c, entry, at, CLUSTER_FIELDS, REFUSED_CLUSTER_FIELDS, DROPPED_CLUSTER_FIELDS, 'cluster');
  const server = checkServer(c, c.string(entry, 'server', at), at);
  const value: SafeCluster = {
    server: server ?? '',
    caData: c.string(entry, 'certificate-authority-data', at),
    skipTLSVerify: c.bool(entry, 'insecure-skip-tls-verify', at),
    tlsServerName: c.string(entry, 'tls-server-name', at),
  };
  return { value: c.violations.length ? null : value, violations: c.violations };
}

function sanitizeEnv(c: Collector, raw: unknown, at: string): ExecPlugin['env'] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.add(at, 'must be a list of {name, value}');
    return [];
  }
  return raw.flatMap((item: unknown, i) => {
    if (!isMapping(item) || typeof item.name !== 'string' || typeof item.value !== 'string' || Object.keys(item).length !== 2) {
      c.add(`${at}[${i}]`, 'must be {name, value} with string name and value');
      return [];
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(item.name)) c.add(`${at}[${i}].name`, 'must be an environment variable name');
    else if (REFUSED_ENV.test(item.name)) c.add(`${at}[${i}].name`, `${item.name} may not be set: it changes which code the plugin runs or loads`);
    return [{ name: item.name, value: item.value }];
  });
}

function sanitizeExec(c: Collector, raw: unknown, at: string, allowed: readonly string[]): ExecPlugin | undefined {
  if (allowed.length === 0) {
    c.add(at, 'runs a program on the server: exec credential plugins are disabled (an admin can allow commands with KNM_KUBECONFIG_EXEC_COMMANDS)');
    return undefined;
  }
  if (!isMapping(raw)) {
    c.add(at, 'must be a mapping');
    return undefined;
  }
  for (const key of Object.keys(raw)) if (!EXEC_FIELDS.has(key)) c.add(`${at}.${key}`, 'is not an exec plugin field');
  const command = c.string(raw, 'command', at);
  if (command === undefined || !allowed.includes(command)) {
    c.add(`${at}.command`, `must be one of the commands allowed by KNM_KUBECONFIG_EXEC_COMMANDS (${allowed.join(', ')})`);
  }
  const args = raw.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) c.add(`${at}.args`, 'must be a list of strings');
  const apiVersion = c.string(raw, 'apiVersion', at);
  if (!apiVersion || !EXEC_API_VERSIONS.includes(apiVersion)) c.add(`${at}.apiVersion`, `must be one of ${EXEC_API_VERSIONS.join(', ')}`);
  if (raw.interactiveMode === 'Always') c.add(`${at}.interactiveMode`, 'Always needs a terminal; the server has none (use Never or IfAvailable)');
  c.string(raw, 'installHint', at);
  const env = sanitizeEnv(c, raw.env, `${at}.env`);
  return { command: command ?? '', args: Array.isArray(args) ? (args as string[]) : [], env, apiVersion: apiVersion ?? '', provideClusterInfo: c.bool(raw, 'provideClusterInfo', at) };
}

const USER_FIELDS = new Set(['token', 'client-certificate-data', 'client-key-data', 'username', 'password', 'as', 'exec']);

/**
 * Sanitises `users[i].user` found at `at`. `exec` is refused unless its command is one of
 * `execCommands` (absolute paths); its environment may not set loader or interpreter variables.
 */
export function sanitizeUser(entry: unknown, at: string, execCommands: readonly string[]): Sanitized<SafeUser> {
  const c = new Collector();
  if (!isMapping(entry)) {
    c.add(at, 'must be a mapping');
    return { value: null, violations: c.violations };
  }
  unknownOrRefused(c, entry, at, USER_FIELDS, REFUSED_USER_FIELDS, DROPPED_USER_FIELDS, 'user');
  const value: SafeUser = {
    token: c.string(entry, 'token', at),
    certData: c.string(entry, 'client-certificate-data', at),
    keyData: c.string(entry, 'client-key-data', at),
    username: c.string(entry, 'username', at),
    password: c.string(entry, 'password', at),
    impersonate: c.string(entry, 'as', at),
    exec: entry.exec === undefined || entry.exec === null ? undefined : sanitizeExec(c, entry.exec, `${at}.exec`, execCommands),
  };
  if (c.violations.length === 0 && (value.certData === undefined) !== (value.keyData === undefined)) {
    c.add(`${at}.${value.certData === undefined ? 'client-certificate-data' : 'client-key-data'}`, 'client-certificate-data and client-key-data go together');
  }
  return { value: c.violations.length ? null : value, violations: c.violations };
}

/** The kubeconfig (clientcmd v1) spelling of a sanitised cluster, for storage. */
export function exportCluster(c: SafeCluster): Mapping {
  return dropUndefined({ server: c.server, 'certificate-authority-data': c.caData, 'insecure-skip-tls-verify': c.skipTLSVerify || undefined, 'tls-server-name': c.tlsServerName });
}

/** The kubeconfig (clientcmd v1) spelling of a sanitised user, for storage. */
export function exportUser(u: SafeUser): Mapping {
  const exec = u.exec && dropUndefined({ ...u.exec, provideClusterInfo: u.exec.provideClusterInfo || undefined, interactiveMode: 'Never' });
  return dropUndefined({
    token: u.token,
    'client-certificate-data': u.certData,
    'client-key-data': u.keyData,
    username: u.username,
    password: u.password,
    as: u.impersonate,
    exec,
  });
}

function dropUndefined(o: Mapping): Mapping {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
