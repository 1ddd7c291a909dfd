import { stringify } from 'yaml';

/** The context, cluster and user name written into generated kubeconfigs. */
export const KUBECONFIG_CONTEXT = 'kube-sim';

/**
 * A kubeconfig (clientcmd v1 Config) for `server` (e.g. `http://127.0.0.1:41234`), plain HTTP
 * with a bearer token the simulator accepts and ignores. `insecure-skip-tls-verify: true` is set
 * because @kubernetes/client-node refuses `http://` servers without it ("HTTP protocol is not
 * allowed when skipTLSVerify is not set or false"); kubectl ignores it for plain HTTP.
 */
export function buildKubeconfig(server: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBECONFIG_CONTEXT, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: KUBECONFIG_CONTEXT, user: { token: 'kube-sim-token' } }],
    contexts: [{ name: KUBECONFIG_CONTEXT, context: { cluster: KUBECONFIG_CONTEXT, user: KUBECONFIG_CONTEXT, namespace: 'default' } }],
    'current-context': KUBECONFIG_CONTEXT,
    preferences: {},
  });
}
