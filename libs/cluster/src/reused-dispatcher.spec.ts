import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { AddressPolicy, AddressRefusedError, HostLookup } from './address-policy';
import { addressRefusal } from './cluster-connector';
import { ClusterConnections } from './reused-dispatcher';

/** A local HTTP server that counts TCP connections and requests. */
async function countingServer(): Promise<{ server: Server; port: number; connections: () => number; requests: () => number }> {
  let connections = 0;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end('{"ok":true}');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections, requests: () => requests };
}

const cluster = (server: string) => ({ server, skipTLSVerify: false });
const lookupTo = (address: string, seen: string[] = []): HostLookup => async (h) => {
  seen.push(h);
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};

async function refusalOf(p: Promise<unknown>): Promise<AddressRefusedError> {
  try {
    await p;
  } catch (err) {
    const refused = addressRefusal(err);
    if (refused) return refused;
    throw err;
  }
  throw new Error('request succeeded');
}

describe('ClusterConnections (guarded, reused dispatcher)', () => {
  let s: Awaited<ReturnType<typeof countingServer>>;
  const open: ClusterConnections[] = [];
  const connections = (url: string, policy = new AddressPolicy({ allow: [], deny: [] }), lookup?: HostLookup) => {
    const c = new ClusterConnections(cluster(url), policy, lookup);
    open.push(c);
    return c;
  };

  beforeEach(async () => {
    s = await countingServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await new Promise<void>((r) => s.server.close(() => r()));
  });

  it('reuses connections across the requests of one cluster', async () => {
    const url = `http://127.0.0.1:${s.port}`;
    const c = connections(url);
    for (let i = 0; i < 8; i++) await (await fetch(`${url}/version`, { dispatcher: c.dispatcher({}) })).text();
    expect(s.requests()).toBe(8);
    // undici opens a second connection after the first response (with or without our connector); never one per request.
    expect(s.connections()).toBeLessThanOrEqual(2);
  });

  it('connects to a hostname through the policy lookup (loopback allowed by default)', async () => {
    const seen: string[] = [];
    const c = connections(`http://k8s.test:${s.port}`, undefined, lookupTo('127.0.0.1', seen));
    const res = await fetch(`http://k8s.test:${s.port}/version`, { dispatcher: c.dispatcher({}) });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['k8s.test']);
  });

  it('refuses a hostname that resolves to the metadata address, before connecting', async () => {
    const c = connections(`http://innocent.test:${s.port}`, undefined, lookupTo('169.254.169.254'));
    const refused = await refusalOf(fetch(`http://innocent.test:${s.port}/`, { dispatcher: c.dispatcher({}) }));
    expect(refused).toMatchObject({ host: 'innocent.test', address: '169.254.169.254' });
  });

  it.each(['169.254.169.254', '[fd00:ec2::254]', '[::ffff:169.254.169.254]'])('refuses the literal address %s without connecting', async (host) => {
    const c = connections(`http://${host}`);
    const refused = await refusalOf(fetch(`http://${host}/latest/meta-data/`, { dispatcher: c.dispatcher({}), signal: AbortSignal.timeout(5000) }));
    expect(refused.rule).toMatch(/default/);
  });

  it('refuses a loopback server under a deny rule; the server sees no connection', async () => {
    const url = `http://127.0.0.1:${s.port}`;
    const c = connections(url, new AddressPolicy({ allow: [], deny: ['127.0.0.0/8'] }));
    const refused = await refusalOf(fetch(`${url}/`, { dispatcher: c.dispatcher({}) }));
    expect(refused.rule).toBe('KNM_CLUSTER_HOSTS_DENY entry 127.0.0.0/8');
    expect(s.connections()).toBe(0);
  });

  it('uses a new dispatcher when the client certificate changes', () => {
    const c = connections(`https://127.0.0.1:${s.port}`);
    const first = c.dispatcher({});
    expect(c.dispatcher({})).toBe(first);
    expect(c.dispatcher({ cert: Buffer.from('c'), key: Buffer.from('k') })).not.toBe(first);
  });
});
