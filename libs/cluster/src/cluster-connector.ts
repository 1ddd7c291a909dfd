import { Injectable } from '@nestjs/common';
import { ApiException, CoreV1Api, Observable, VersionApi } from '@kubernetes/client-node';
import type { ConfigurationOptions, ObservableMiddleware } from '@kubernetes/client-node';
import { ErrorCode } from '@knm/contracts';
import { AppConfig, Clock, DomainError } from '@knm/common';
import { AddressPolicy, AddressRefusedError } from './address-policy';
import type { ClusterClients } from './cluster-clients';
import { ClusterCredentials, EXEC_TIMEOUT_MS } from './cluster-credentials';
import { ClusterKubeConfig, makeApiClient } from './cluster-kubeconfig';
import { resolveKubeconfigObject, ResolvedKubeconfig, ResolveOptions } from './kubeconfig-resolve';
import { InvalidKubeconfigError, unwrapResolved } from './kubeconfig';
import { ClusterConnections } from './reused-dispatcher';

/** Connection test deadline, ms: parsing, credentials (exec plugins) and both API calls all fit in it. */
export const CONNECTION_TEST_TIMEOUT_MS = 5_000;
/** Time kept back from an exec plugin's share of the deadline for the API calls that follow, ms. */
const AFTER_EXEC_MS = 500;

/** 422 CLUSTER_UNREACHABLE: names the server URL and the cause. */
export class ClusterUnreachableError extends DomainError {
  constructor(server: string, cause: string) {
    super(ErrorCode.ClusterUnreachable, `cluster API server ${server} is unreachable: ${cause}`, { server, cause });
  }
}

/** 422 CLUSTER_ADDRESS_REFUSED: names the server, the address it resolved to and the rule (and the kubeconfig field when known). */
export class ClusterAddressRefusedError extends DomainError {
  constructor(server: string, refused: AddressRefusedError, serverField?: string) {
    const rule = `connects to ${refused.message}`;
    super(ErrorCode.ClusterAddressRefused, `cluster API server ${server} ${rule}`, {
      server,
      host: refused.host,
      address: refused.address,
      rule: refused.rule,
      ...(serverField ? { violations: [{ field: serverField, rule }] } : {}),
    });
  }
}

/** One deadline shared by every step of a request (AbortSignal plus the time left). */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly endsAt: number;

  constructor(
    readonly totalMs: number,
    private readonly clock: Clock,
  ) {
    this.signal = AbortSignal.timeout(totalMs);
    this.endsAt = clock.monotonic() + totalMs;
  }

  /** Time left, ms (never below 1). */
  remainingMs(): number {
    return Math.max(1, Math.floor(this.endsAt - this.clock.monotonic()));
  }
}

/** What a successful connection test learned. */
export interface ConnectionProbe {
  kubernetesVersion: string;
  /** Nodes in the cluster: the first page's items plus the server's remainingItemCount. */
  nodeCount: number;
}

/** A short human cause for a failed Kubernetes API call: HTTP status and Status message, or the socket error. */
export function describeKubernetesError(err: unknown, timeoutMs = CONNECTION_TEST_TIMEOUT_MS): string {
  if (err instanceof ApiException) {
    let message = '';
    try {
      message = (JSON.parse(String(err.body)) as { message?: string }).message ?? '';
    } catch {
      message = typeof err.body === 'string' ? err.body.slice(0, 200) : '';
    }
    return `HTTP ${err.code}${message ? `: ${message}` : ''}`;
  }
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  if (e?.cause) return [e.cause.code, e.cause.message].filter(Boolean).join(' ') || String(e.message);
  return e?.message ?? String(err);
}

/** The {@link AddressRefusedError} somewhere in an error's cause chain (fetch wraps connector errors). */
export function addressRefusal(err: unknown): AddressRefusedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AddressRefusedError) return e;
  }
  return null;
}

/** Request options that abort the call when `signal` fires (client-node 2 passes the context's signal to fetch). */
function withSignal(signal: AbortSignal): ConfigurationOptions<ObservableMiddleware> {
  const middleware: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(signal);
      return new Observable(Promise.resolve(ctx));
    },
    post: (res) => new Observable(Promise.resolve(res)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

/**
 * The Kubernetes I/O boundary of the cluster registry: builds one {@link ClusterKubeConfig} and
 * client set per cluster from a sanitised kubeconfig (never from the environment or files:
 * `loadFromDefault()` would silently fall back to http://localhost:8080), with the address
 * policy of AppConfig.clusterHostsAllow/Deny on every connection, and runs the connection test.
 */
@Injectable()
export class ClusterConnector {
  private readonly policy: AddressPolicy;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.policy = new AddressPolicy({ allow: config.clusterHostsAllow, deny: config.clusterHostsDeny });
  }

  /** Resolution options for kubeconfig text from request field `source`. */
  resolveOptions(source: string, context?: string): ResolveOptions {
    return { source, context, execCommands: this.config.kubeconfigExecCommands };
  }

  /** Clients for a resolved (sanitised) kubeconfig; nothing connects until the first request. */
  createClients(cluster: string, resolved: ResolvedKubeconfig): ClusterClients {
    const credentials = new ClusterCredentials(resolved.user, resolved.cluster, this.clock);
    const connections = new ClusterConnections(resolved.cluster, this.policy);
    const kubeConfig = new ClusterKubeConfig(resolved, credentials, connections);
    return { cluster, kubeConfig, core: makeApiClient(kubeConfig, CoreV1Api), close: () => connections.close() };
  }

  /**
   * Clients from a stored kubeconfig (our own sanitised JSON), sanitised again under today's
   * settings (an exec command no longer allowed is refused).
   * @throws InvalidKubeconfigError.
   */
  clientsFromStored(cluster: string, text: string): ClusterClients {
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      throw new InvalidKubeconfigError([{ field: 'stored kubeconfig', rule: 'is not JSON' }]);
    }
    return this.createClients(cluster, unwrapResolved(resolveKubeconfigObject(root, this.resolveOptions('stored kubeconfig'))));
  }

  /**
   * Connection test within `deadline`: credentials (an exec plugin gets the time left, less a
   * margin), then GET /version, then list nodes with limit=1.
   * @throws ExecCredentialError (422), ClusterAddressRefusedError (422), ClusterUnreachableError
   *   (422) naming the server and the cause (socket error, TLS, HTTP status, timeout).
   */
  async probe(clients: ClusterClients, deadline: Deadline, serverField?: string): Promise<ConnectionProbe> {
    const kubeConfig = clients.kubeConfig as ClusterKubeConfig;
    const server = kubeConfig.getCurrentCluster()!.server;
    await kubeConfig.credentials.current(deadline.signal, Math.min(EXEC_TIMEOUT_MS, Math.max(1, deadline.remainingMs() - AFTER_EXEC_MS)));
    const options = withSignal(deadline.signal);
    try {
      const version = await makeApiClient(kubeConfig, VersionApi).getCode({}, options);
      const list = await clients.core.listNode({ limit: 1 }, options);
      return { kubernetesVersion: version.gitVersion, nodeCount: list.items.length + (list.metadata?.remainingItemCount ?? 0) };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const refused = addressRefusal(err);
      if (refused) throw new ClusterAddressRefusedError(server, refused, serverField);
      throw new ClusterUnreachableError(server, describeKubernetesError(err, deadline.totalMs));
    }
  }
}
