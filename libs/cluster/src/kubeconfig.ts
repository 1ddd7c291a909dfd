import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ErrorCode } from '@knm/contracts';
import { DomainError } from '@knm/common';

/** 400 INVALID_KUBECONFIG; the message names what is wrong (and, for a context, the ones available). */
export class InvalidKubeconfigError extends DomainError {
  constructor(problem: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.InvalidKubeconfig, `invalid kubeconfig: ${problem}`, { problem, ...details });
  }
}

/** A kubeconfig narrowed to one context: its cluster, its user and nothing else. */
export interface ResolvedKubeconfig {
  /** The chosen context's name. */
  context: string;
  /** API server URL (no trailing slash). */
  server: string;
  /** Self-contained kubeconfig (JSON, which is YAML) holding only that context, cluster and user. */
  text: string;
}

export interface ResolveKubeconfigOptions {
  /** Context to use; default the kubeconfig's `current-context`. */
  context?: string;
  /** Directory relative file references are resolved against (the kubeconfig file's directory, or the cwd). */
  baseDir: string;
  /** Reads a referenced file (certificates, keys); injectable for tests. */
  readFile?: (path: string) => Buffer;
}

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/** File references inlined as `-data` fields so the stored kubeconfig does not depend on this host's files. */
const INLINED_FILES: Record<string, Record<string, string>> = {
  cluster: { 'certificate-authority': 'certificate-authority-data' },
  user: { 'client-certificate': 'client-certificate-data', 'client-key': 'client-key-data' },
};

function parseYaml(text: string): Mapping {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    throw new InvalidKubeconfigError(`not valid YAML${where}: ${e.message.split(/ at line \d+/)[0]}`);
  }
  const root: unknown = doc.toJS();
  if (!isMapping(root)) throw new InvalidKubeconfigError('must be a YAML mapping with clusters, users and contexts');
  return root;
}

/** The named entries of a list section (`clusters`, `users`, `contexts`): name -> inner mapping. */
function namedEntries(root: Mapping, section: string, inner: string): Map<string, Mapping> {
  const list = root[section] ?? [];
  if (!Array.isArray(list)) throw new InvalidKubeconfigError(`${section} must be a list`);
  const out = new Map<string, Mapping>();
  list.forEach((item: unknown, i) => {
    if (!isMapping(item) || typeof item.name !== 'string' || item.name === '') {
      throw new InvalidKubeconfigError(`${section}[${i}].name is missing`);
    }
    if (!isMapping(item[inner])) throw new InvalidKubeconfigError(`${section}[${i}] (${item.name}) has no ${inner} mapping`);
    out.set(item.name, item[inner]);
  });
  return out;
}

function chooseContext(root: Mapping, contexts: Map<string, Mapping>, wanted: string | undefined): string {
  const available = [...contexts.keys()];
  const list = available.length ? available.join(', ') : 'none';
  const current = typeof root['current-context'] === 'string' ? root['current-context'] : '';
  const name = wanted ?? current;
  if (!name) throw new InvalidKubeconfigError(`no current-context is set and no context was given (available contexts: ${list})`, { availableContexts: available });
  if (!contexts.has(name)) {
    throw new InvalidKubeconfigError(`context "${name}" not found (available contexts: ${list})`, { availableContexts: available });
  }
  return name;
}

function checkServer(clusterName: string, cluster: Mapping): string {
  const server = cluster.server;
  if (typeof server !== 'string' || server.trim() === '') throw new InvalidKubeconfigError(`cluster "${clusterName}" has no server`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new InvalidKubeconfigError(`cluster "${clusterName}" server "${server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidKubeconfigError(`cluster "${clusterName}" server "${server}" must use https:// (or http://)`);
  }
  return server.replace(/\/$/, '');
}

function inlineFiles(kind: 'cluster' | 'user', owner: string, entry: Mapping, opts: ResolveKubeconfigOptions): Mapping {
  const out: Mapping = { ...entry };
  const read = opts.readFile ?? ((p: string) => readFileSync(p));
  for (const [fileKey, dataKey] of Object.entries(INLINED_FILES[kind])) {
    const ref = out[fileKey];
    if (typeof ref !== 'string' || ref === '' || out[dataKey]) continue;
    const path = isAbsolute(ref) ? ref : resolve(opts.baseDir, ref);
    try {
      out[dataKey] = read(path).toString('base64');
    } catch (err) {
      throw new InvalidKubeconfigError(`${kind} "${owner}" ${fileKey} file ${path} cannot be read: ${(err as Error).message}`);
    }
    delete out[fileKey];
  }
  if (kind === 'user' && typeof out.tokenFile === 'string' && !isAbsolute(out.tokenFile)) out.tokenFile = resolve(opts.baseDir, out.tokenFile);
  return out;
}

/**
 * Validates a kubeconfig and narrows it to one context (given, else `current-context`), inlining
 * certificate/key files. Structure rules follow client-go's clientcmd and client-node's
 * config_types (named clusters/users/contexts, a server per cluster).
 * @throws InvalidKubeconfigError (400 INVALID_KUBECONFIG): YAML syntax (with line and column),
 *   missing sections/names, unknown context (listing the available ones), missing cluster, user or
 *   server, a server that is not an http(s) URL, unreadable referenced file.
 */
export function resolveKubeconfig(text: string, opts: ResolveKubeconfigOptions): ResolvedKubeconfig {
  if (text.trim() === '') throw new InvalidKubeconfigError('is empty');
  const root = parseYaml(text);
  const clusters = namedEntries(root, 'clusters', 'cluster');
  const users = namedEntries(root, 'users', 'user');
  const contexts = namedEntries(root, 'contexts', 'context');
  const contextName = chooseContext(root, contexts, opts.context);
  const ctx = contexts.get(contextName)!;
  const clusterName = typeof ctx.cluster === 'string' ? ctx.cluster : '';
  const cluster = clusters.get(clusterName);
  if (!cluster) throw new InvalidKubeconfigError(`context "${contextName}" refers to cluster "${clusterName}", which is not in clusters`);
  const server = checkServer(clusterName, cluster);
  const userName = typeof ctx.user === 'string' ? ctx.user : '';
  const user = userName ? users.get(userName) : {};
  if (!user) throw new InvalidKubeconfigError(`context "${contextName}" refers to user "${userName}", which is not in users`);
  const narrowed = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: inlineFiles('cluster', clusterName, cluster, opts) }],
    users: userName ? [{ name: userName, user: inlineFiles('user', userName, user, opts) }] : [],
    contexts: [{ name: contextName, context: ctx }],
    'current-context': contextName,
  };
  return { context: contextName, server, text: JSON.stringify(narrowed) };
}
