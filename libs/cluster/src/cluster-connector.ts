import { Injectable } from '@nestjs/common';
import { ApiException, CoreV1Api, KubeConfig, Observable, VersionApi } from '@kubernetes/client-node';
import { makeApiClient } from './reused-dispatcher';
import type { ConfigurationOptions, ObservableMiddleware } from '@kubernetes/client-node';
import { ErrorCode } from '@knm/contracts';
import { DomainError } from '@knm/common';
import type { ClusterClients } from './cluster-clients';
import { InvalidKubeconfigError } from './kubeconfig';

/** Connection test deadline (ms). */
export const CONNECTION_TEST_TIMEOUT_MS = 5_000;

/** 422 CLUSTER_UNREACHABLE: names the server URL and the cause. */
export class ClusterUnreachableError extends DomainError {
  constructor(server: string, cause: string) {
    super(ErrorCode.ClusterUnreachable, `cluster API server ${server} is unreachable: ${cause}`, { server, cause });
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

/**
 * Request options that abort the call when `signal` fires (client-node 2 passes the context's
 * signal to fetch). The object-parameter API runs option middleware on its Observable stub.
 */
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
 * kubectl talks to an http:// server as given; client-node refuses unless TLS verification is
 * skipped, although plain HTTP has no TLS to verify. Mark http:// clusters so both agree.
 */
function allowPlainHttp(kubeConfig: KubeConfig): void {
  if (!kubeConfig.clusters.some((c) => c.server.startsWith('http:') && !c.skipTLSVerify)) return;
  kubeConfig.loadFromOptions({
    clusters: kubeConfig.clusters.map((c) => (c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c)),
    users: kubeConfig.users,
    contexts: kubeConfig.contexts,
    currentContext: kubeConfig.currentContext,
  });
}

/**
 * The Kubernetes I/O boundary of the cluster registry: builds one KubeConfig and client set per
 * cluster from kubeconfig text (never from the environment: `loadFromDefault()` would silently
 * fall back to http://localhost:8080), and runs the connection test.
 */
@Injectable()
export class ClusterConnector {
  /** @throws InvalidKubeconfigError when client-node rejects the (already validated) kubeconfig. */
  createClients(cluster: string, kubeconfigText: string): ClusterClients {
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromString(kubeconfigText);
    } catch (err) {
      throw new InvalidKubeconfigError((err as Error).message);
    }
    if (!kubeConfig.getCurrentCluster()?.server) throw new InvalidKubeconfigError('the chosen context has no cluster server');
    allowPlainHttp(kubeConfig);
    return { cluster, kubeConfig, core: makeApiClient(kubeConfig, CoreV1Api) };
  }

  /**
   * Connection test: GET /version, then list nodes with limit=1, both within `timeoutMs`.
   * @throws ClusterUnreachableError naming the server and the cause (socket error, TLS, HTTP status, timeout).
   */
  async probe(clients: ClusterClients, timeoutMs = CONNECTION_TEST_TIMEOUT_MS): Promise<ConnectionProbe> {
    const server = clients.kubeConfig.getCurrentCluster()!.server;
    const options = withSignal(AbortSignal.timeout(timeoutMs));
    try {
      const version = await clients.kubeConfig.makeApiClient(VersionApi).getCode({}, options);
      const list = await clients.core.listNode({ limit: 1 }, options);
      return {
        kubernetesVersion: version.gitVersion,
        nodeCount: list.items.length + (list.metadata?.remainingItemCount ?? 0),
      };
    } catch (err) {
      throw new ClusterUnreachableError(server, describeKubernetesError(err, timeoutMs));
    }
  }
}
