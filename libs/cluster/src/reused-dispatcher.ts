import { promises as dns, LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { SafeCluster } from './kubeconfig-sanitizer';
import { normalizeHost } from '@knm/common';
import { AddressPolicy, AddressRefusedError, HostLookup } from './address-policy';

/** The system resolver (getaddrinfo on the libuv pool: asynchronous), every address. */
export const systemLookup: HostLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `net.connect`'s `lookup` option: resolves through the policy, so the socket only ever
 * connects to addresses that passed it (no second, unchecked resolution: no DNS rebinding).
 */
function policyLookup(policy: AddressPolicy, lookup: HostLookup) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    policy.resolve(hostname, lookup).then(
      (addresses) => {
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) return callback(Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }), []);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

/**
 * An undici connector that connects to a cluster's API server only at addresses the
 * {@link AddressPolicy} allows: IP literals are judged before connecting, hostnames through
 * {@link policyLookup}, and the socket's remote address is judged again once connected (what the
 * connection actually reached). A refusal fails the request with {@link AddressRefusedError} as
 * its cause.
 */
export function guardedConnector(policy: AddressPolicy, tls: ConnectionOptions, lookup: HostLookup = systemLookup): buildConnector.connector {
  const connect = buildConnector({ ...tls, lookup: policyLookup(policy, lookup) } as buildConnector.BuildOptions);
  return (options, callback) => {
    const host = normalizeHost(options.hostname);
    if (isIP(host)) {
      const refused = policy.refusal(host, host);
      if (refused) return callback(new AddressRefusedError(host, host, refused.rule), null);
    }
    connect(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no socket'), null);
      const remote = socket.remoteAddress;
      const refused = remote ? policy.refusal(host, remote) : { rule: 'the connection has no remote address' };
      if (refused) {
        socket.destroy();
        return callback(new AddressRefusedError(host, remote ?? null, refused.rule), null);
      }
      callback(null, socket);
    });
  };
}

/** TLS material of one cluster and user: what makes connections differ. */
export interface TlsMaterial {
  cert?: Buffer;
  key?: Buffer;
}

/**
 * The HTTP connections of one cluster: one undici Agent (connection reuse) with the
 * {@link guardedConnector}, replaced when the client certificate changes (an exec plugin renewed
 * it); the previous one is closed once its requests finish. client-node 2.0.1 would build a new
 * Agent, hence a new TCP and TLS connection, for every request (KubeConfig.createDispatcher).
 */
export class ClusterConnections {
  private current: { agent: Agent; cert?: Buffer; key?: Buffer } | null = null;

  constructor(
    private readonly cluster: SafeCluster,
    private readonly policy: AddressPolicy,
    private readonly lookup: HostLookup = systemLookup,
  ) {}

  /** The dispatcher for a request with this client certificate (none = server-authenticated TLS or plain HTTP). */
  dispatcher(material: TlsMaterial): Agent {
    const c = this.current;
    if (c && c.cert === material.cert && c.key === material.key) return c.agent;
    const tls: ConnectionOptions = {
      ca: this.cluster.caData ? Buffer.from(this.cluster.caData, 'base64') : undefined,
      cert: material.cert,
      key: material.key,
      rejectUnauthorized: !this.cluster.skipTLSVerify,
      servername: this.cluster.tlsServerName,
    };
    const clean = Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as ConnectionOptions;
    const agent = new Agent({ connect: guardedConnector(this.policy, { ...clean, keepAlive: true, keepAliveInitialDelay: 30_000 } as ConnectionOptions, this.lookup) });
    this.current = { agent, cert: material.cert, key: material.key };
    if (c) void c.agent.close().catch(() => undefined);
    return agent;
  }

  /** Closes the connections (cluster removed). */
  async close(): Promise<void> {
    const c = this.current;
    this.current = null;
    await c?.agent.close().catch(() => undefined);
  }
}
