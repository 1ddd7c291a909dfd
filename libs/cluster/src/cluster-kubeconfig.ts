import {
  createConfiguration,
  KubeConfig,
  Observable,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  setHeaderMiddleware,
} from '@kubernetes/client-node';
import type { ClusterCredentials } from './cluster-credentials';
import type { ResolvedKubeconfig } from './kubeconfig-resolve';
import type { ClusterConnections } from './reused-dispatcher';

/**
 * A client-node KubeConfig that holds only sanitised data and authenticates every request itself.
 *
 * It is loaded with `loadFromOptions` from the sanitised cluster and user (never from text, so
 * no field client-node would act on can reach it), and overrides `applySecurityAuthentication`,
 * which both the generated API clients and `Watch` call for every request: the credentials come
 * from {@link ClusterCredentials} (exec plugins run asynchronously there, never through
 * client-node's synchronous exec path) and the connection from {@link ClusterConnections}
 * (address policy enforced where the socket connects). client-node's own authenticators,
 * file reads and dispatcher are never used.
 */
export class ClusterKubeConfig extends KubeConfig {
  constructor(
    resolved: ResolvedKubeconfig,
    readonly credentials: ClusterCredentials,
    readonly connections: ClusterConnections,
  ) {
    super();
    const { cluster } = resolved;
    this.loadFromOptions({
      clusters: [{ name: resolved.clusterName, server: cluster.server, skipTLSVerify: cluster.skipTLSVerify, tlsServerName: cluster.tlsServerName }],
      users: resolved.userName ? [{ name: resolved.userName }] : [],
      contexts: [{ name: resolved.context, cluster: resolved.clusterName, user: resolved.userName ?? undefined }],
      currentContext: resolved.context,
    });
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    const creds = await this.credentials.current();
    if (creds.authorization) context.setHeaderParam('Authorization', creds.authorization);
    if (creds.impersonate) context.setHeaderParam('Impersonate-User', creds.impersonate);
    context.setDispatcher(this.connections.dispatcher(creds));
  }

  /** Used only by client-node's WebSocket features (exec, attach, port-forward), which this product does not use. */
  override applyToHTTPSOptions(): Promise<void> {
    return Promise.reject(new Error('ClusterKubeConfig does not support WebSocket connections'));
  }
}

/**
 * A middleware that forgets a cached exec credential when the server answers 401, so the next
 * request runs the plugin again (client-go does the same for credentials without expiry).
 */
function invalidateOn401(credentials: ClusterCredentials) {
  return {
    pre: (ctx: RequestContext) => new Observable(Promise.resolve(ctx)),
    post: (res: ResponseContext) => {
      if (res.httpStatusCode === 401) credentials.invalidate();
      return new Observable(Promise.resolve(res));
    },
  };
}

/**
 * `kubeConfig.makeApiClient(ApiType)` for a {@link ClusterKubeConfig}: the same base server and
 * authentication, our User-Agent, and 401 handling for exec credentials.
 */
export function makeApiClient<T>(kubeConfig: ClusterKubeConfig, ApiType: new (config: ReturnType<typeof createConfiguration>) => T): T {
  const cluster = kubeConfig.getCurrentCluster()!;
  const config = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    middleware: [setHeaderMiddleware('User-Agent', 'kube-node-manager'), invalidateOn401(kubeConfig.credentials)],
  });
  return new ApiType(config);
}
