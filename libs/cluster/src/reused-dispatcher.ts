import {
  createConfiguration,
  KubeConfig,
  Observable,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  setHeaderMiddleware,
} from '@kubernetes/client-node';

/** How long one shared dispatcher serves a cluster before the next request's fresh one replaces it, ms. */
export const DISPATCHER_MAX_AGE_MS = 10 * 60_000;

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/**
 * A client-node middleware that makes the requests of one cluster share one HTTP dispatcher.
 *
 * client-node 2.0.1 builds a new undici Agent for every request while applying the kubeconfig's
 * TLS settings (KubeConfig.applySecurityAuthentication -> createDispatcher), so no connection is
 * ever reused: every request opens a new TCP connection and, against a real API server, a new TLS
 * handshake (from code, @kubernetes/client-node dist/config.js). The per-request Agent carries
 * only the cluster's and user's TLS options, identical for every request of one KubeConfig, so
 * the first one is kept and put on the following requests. It is replaced after
 * {@link DISPATCHER_MAX_AGE_MS} so that rotated client certificates are picked up; tokens are
 * headers and are applied per request as before.
 */
export function reuseDispatcher(now: () => number = Date.now): {
  pre(ctx: RequestContext): Observable<RequestContext>;
  post(ctx: ResponseContext): Observable<ResponseContext>;
} {
  let shared: { dispatcher: Dispatcher; since: number } | null = null;
  return {
    pre(ctx) {
      const fresh = ctx.getDispatcher();
      if (fresh !== undefined) {
        if (!shared || now() - shared.since > DISPATCHER_MAX_AGE_MS) shared = { dispatcher: fresh, since: now() };
        else ctx.setDispatcher(shared.dispatcher);
      }
      return new Observable(Promise.resolve(ctx));
    },
    post(ctx) {
      return new Observable(Promise.resolve(ctx));
    },
  };
}

/**
 * `kubeConfig.makeApiClient(ApiType)` with connection reuse ({@link reuseDispatcher}); the same
 * base server, authentication and User-Agent as client-node's own factory.
 * @throws Error when the kubeconfig has no current cluster.
 */
export function makeApiClient<T>(kubeConfig: KubeConfig, ApiType: new (config: ReturnType<typeof createConfiguration>) => T): T {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const config = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    middleware: [setHeaderMiddleware('User-Agent', 'kube-node-manager'), reuseDispatcher()],
  });
  return new ApiType(config);
}
