import type { FieldViolation } from '@knm/contracts';
import { parseKubeconfigYaml } from './kubeconfig-yaml';
import { exportCluster, exportUser, isMapping, SafeCluster, SafeUser, sanitizeCluster, sanitizeUser } from './kubeconfig-sanitizer';

/**
 * Pure kubeconfig resolution (no I/O, no Nest): it runs in a worker thread (kubeconfig-worker.ts)
 * so that parsing a hostile document never blocks the API's event loop.
 */

/** A kubeconfig narrowed to one context, sanitised: its cluster, its user and nothing else. */
export interface ResolvedKubeconfig {
  /** The chosen context's name. */
  context: string;
  /** Its cluster's name. */
  clusterName: string;
  /** Its user's name; null when the context names none. */
  userName: string | null;
  /** API server URL (no trailing slash). */
  server: string;
  /** Where the server URL came from, e.g. `kubeconfig.clusters[0].cluster.server` (for error answers). */
  serverField: string;
  cluster: SafeCluster;
  /** The context's user; null when the context names none. */
  user: SafeUser | null;
  /** Self-contained kubeconfig (JSON, which is YAML) holding only the sanitised context, cluster and user: what is stored. */
  text: string;
}

export interface ResolveOptions {
  /** Context to use; default the kubeconfig's `current-context`. */
  context?: string;
  /** Request field the text came from (`kubeconfig`, `kubeconfigPath`); prefixes every violation's field. */
  source: string;
  /** Exec plugins allowed (AppConfig.kubeconfigExecCommands). */
  execCommands: readonly string[];
}

/** Either the resolved kubeconfig or the rules it broke (and, for a context error, the contexts it has). */
export type ResolveOutcome =
  | { ok: true; resolved: ResolvedKubeconfig }
  | { ok: false; violations: FieldViolation[]; availableContexts?: string[] };

type Mapping = Record<string, unknown>;

class Refusal {
  constructor(
    readonly violations: FieldViolation[],
    readonly availableContexts?: string[],
  ) {}
}

const refuse = (field: string, rule: string, availableContexts?: string[]): never => {
  throw new Refusal([{ field, rule }], availableContexts);
};

interface Named {
  index: number;
  body: unknown;
}

/** The named entries of a list section (`clusters`, `users`, `contexts`): name -> index and inner mapping. */
function namedEntries(root: Mapping, section: string, inner: string, source: string): Map<string, Named> {
  const list = root[section] ?? [];
  if (!Array.isArray(list)) refuse(`${source}.${section}`, 'must be a list');
  const out = new Map<string, Named>();
  (list as unknown[]).forEach((item, index) => {
    if (!isMapping(item) || typeof item.name !== 'string' || item.name === '') refuse(`${source}.${section}[${index}].name`, 'is missing');
    const entry = item as Mapping;
    if (!out.has(entry.name as string)) out.set(entry.name as string, { index, body: entry[inner] });
  });
  return out;
}

function chooseContext(root: Mapping, contexts: Map<string, Named>, opts: ResolveOptions): string {
  const available = [...contexts.keys()];
  const list = available.length ? available.join(', ') : 'none';
  const current = typeof root['current-context'] === 'string' ? root['current-context'] : '';
  const name = opts.context ?? current;
  if (!name) refuse(`${opts.source}.current-context`, `no current-context is set and no context was given (available contexts: ${list})`, available);
  if (!contexts.has(name)) refuse(opts.context ? 'context' : `${opts.source}.current-context`, `context "${name}" not found (available contexts: ${list})`, available);
  return name;
}

function resolveDocument(root: Mapping, opts: ResolveOptions): ResolvedKubeconfig {
  const { source } = opts;
  const clusters = namedEntries(root, 'clusters', 'cluster', source);
  const users = namedEntries(root, 'users', 'user', source);
  const contexts = namedEntries(root, 'contexts', 'context', source);
  const contextName = chooseContext(root, contexts, opts);
  const ctx = contexts.get(contextName)!;
  const ctxAt = `${source}.contexts[${ctx.index}].context`;
  if (!isMapping(ctx.body)) return refuse(ctxAt, 'must be a mapping with cluster and user');
  const clusterName = typeof ctx.body.cluster === 'string' ? ctx.body.cluster : '';
  const cluster = clusters.get(clusterName);
  if (!cluster) return refuse(`${ctxAt}.cluster`, `refers to cluster "${clusterName}", which is not in clusters`);
  const userName = typeof ctx.body.user === 'string' ? ctx.body.user : '';
  const user = userName ? users.get(userName) : undefined;
  if (userName && !user) return refuse(`${ctxAt}.user`, `refers to user "${userName}", which is not in users`);
  const clusterAt = `${source}.clusters[${cluster.index}].cluster`;
  const safeCluster = sanitizeCluster(cluster.body, clusterAt);
  const safeUser = user ? sanitizeUser(user.body, `${source}.users[${user.index}].user`, opts.execCommands) : { value: null, violations: [] };
  const violations = [...safeCluster.violations, ...safeUser.violations];
  if (violations.length) throw new Refusal(violations);
  const narrowed = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: exportCluster(safeCluster.value!) }],
    users: user ? [{ name: userName, user: exportUser(safeUser.value!) }] : [],
    contexts: [{ name: contextName, context: { cluster: clusterName, ...(user ? { user: userName } : {}), ...namespaceOf(ctx.body) } }],
    'current-context': contextName,
  };
  return {
    context: contextName,
    clusterName,
    userName: user ? userName : null,
    server: safeCluster.value!.server,
    serverField: `${clusterAt}.server`,
    cluster: safeCluster.value!,
    user: safeUser.value,
    text: JSON.stringify(narrowed),
  };
}

const namespaceOf = (ctx: Mapping): Mapping => (typeof ctx.namespace === 'string' && ctx.namespace ? { namespace: ctx.namespace } : {});

/**
 * Parses (bounded, see kubeconfig-yaml.ts), narrows to one context (given, else `current-context`)
 * and sanitises its cluster and user (kubeconfig-sanitizer.ts). Entries of other contexts are
 * neither examined nor kept. Structure rules follow client-go's clientcmd: named clusters, users
 * and contexts, a server per cluster. Never throws; violations name the field under `opts.source`.
 */
export function resolveKubeconfigText(text: string, opts: ResolveOptions): ResolveOutcome {
  const parsed = parseKubeconfigYaml(text, opts.source);
  if (!parsed.ok) return { ok: false, violations: [parsed.violation] };
  return resolveKubeconfigObject(parsed.value, opts);
}

/** {@link resolveKubeconfigText} for an already parsed document (e.g. a stored kubeconfig read with JSON.parse). */
export function resolveKubeconfigObject(root: unknown, opts: ResolveOptions): ResolveOutcome {
  if (!isMapping(root)) return { ok: false, violations: [{ field: opts.source, rule: 'must be a YAML mapping with clusters, users and contexts' }] };
  try {
    return { ok: true, resolved: resolveDocument(root, opts) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, violations: err.violations, availableContexts: err.availableContexts };
    throw err;
  }
}
