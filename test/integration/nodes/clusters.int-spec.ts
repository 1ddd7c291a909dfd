import { writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { ApiRoutes, ClusterResponse, ClusterTestResponse, ErrorBody } from '@knm/contracts';
import { waitFor } from '../../harness';
import { NodesFixture, registerSim, startNodesFixture } from './nodes-fixture';

jest.setTimeout(60_000);

/** A TCP server that accepts connections and never answers: an API server that hangs. */
async function blackhole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

describe('cluster registry over HTTP (kube-sim, real API process)', () => {
  let f: NodesFixture;

  beforeAll(async () => {
    // kubeconfigPath may only name files in KNM_KUBECONFIG_DIRS: allow the simulator's kubeconfig directory.
    f = await startNodesFixture({ nodes: 8, podsPerNode: 0 }, (sim) => ({ KNM_KUBECONFIG_DIRS: dirname(sim.kubeconfigPath) }));
  });
  afterAll(async () => {
    await f?.stop();
  });

  const names = async () => (await f.client.get<ClusterResponse[]>(ApiRoutes.clusters())).body.map((c) => c.name);

  it('registers a cluster from kubeconfig text and reports it synced with its node count, never returning the kubeconfig', async () => {
    const created = await f.client.post<ClusterResponse>(ApiRoutes.clusters(), { name: 'reg-text', kubeconfig: f.sim.kubeconfig });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'reg-text', server: f.sim.url, context: 'kube-sim', status: 'connecting' });
    const synced = await registerSimStatus('reg-text');
    expect(synced.nodeCount).toBe(8);
    const all = await f.client.get<ClusterResponse[]>(ApiRoutes.clusters());
    expect(JSON.stringify(all.body)).not.toMatch(/kube-sim-token|kubeconfig/);
  });

  it('registers a cluster from a kubeconfig path in an allowed directory', async () => {
    const res = await f.client.post<ClusterResponse>(ApiRoutes.clusters(), { name: 'reg-path', kubeconfigPath: f.sim.kubeconfigPath, context: 'kube-sim' });
    expect(res.status).toBe(201);
    expect(res.body.server).toBe(f.sim.url);
  });

  it('refuses a kubeconfigPath file that names a token file, naming the field inside it', async () => {
    const path = join(dirname(f.sim.kubeconfigPath), 'token-file.yaml');
    writeFileSync(path, f.sim.kubeconfig.replace('token: kube-sim-token', `token-file: ${join(f.api.dataDir, 'encryption.key')}`));
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusterTest(), { kubeconfigPath: path });
    expect(res.status).toBe(400);
    expect(res.body.details?.violations).toEqual([{ field: 'kubeconfigPath.users[0].user.token-file', rule: expect.stringMatching(/names a file on the server/) }]);
  });

  it('answers 409 CLUSTER_EXISTS for a second cluster of the same name', async () => {
    await registerSim(f, 'dup');
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'dup', kubeconfig: f.sim.kubeconfig });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CLUSTER_EXISTS');
  });

  it('rejects a malformed kubeconfig with 400 INVALID_KUBECONFIG and saves nothing', async () => {
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'bad-yaml', kubeconfig: 'clusters: [\n  - name: x\n bad' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_KUBECONFIG');
    expect(res.body.message).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    expect(await names()).not.toContain('bad-yaml');
  });

  it('rejects an unknown context with 400 naming the available contexts', async () => {
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'bad-ctx', kubeconfig: f.sim.kubeconfig, context: 'prod' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_KUBECONFIG', message: expect.stringContaining('context "prod" not found (available contexts: kube-sim)') });
    expect(await names()).not.toContain('bad-ctx');
  });

  it('rejects a kubeconfig whose cluster has no server with 400 naming the field', async () => {
    const doc = parse(f.sim.kubeconfig) as { clusters: { cluster: { server?: string } }[] };
    delete doc.clusters[0].cluster.server;
    const kubeconfig = stringify(doc);
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'no-server', kubeconfig });
    expect(res.status).toBe(400);
    expect(res.body.details?.violations).toEqual([{ field: 'kubeconfig.clusters[0].cluster.server', rule: expect.stringMatching(/is required/) }]);
  });

  it('rejects an unreachable server with 422 CLUSTER_UNREACHABLE naming the URL and cause, and saves nothing', async () => {
    const closed = await blackhole();
    const url = closed.url;
    await closed.close();
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'refused', kubeconfig: f.sim.kubeconfig.replace(f.sim.url, url) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CLUSTER_UNREACHABLE', details: { server: url } });
    expect(res.body.message).toMatch(/ECONNREFUSED/);
    expect(await names()).not.toContain('refused');
  });

  it('gives up on a server that never answers after the connection-test timeout with 422', async () => {
    const hole = await blackhole();
    try {
      const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'hangs', kubeconfig: f.sim.kubeconfig.replace(f.sim.url, hole.url) });
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/no answer within 5000 ms/);
    } finally {
      await hole.close();
    }
  });

  it.each([
    [{ name: 'Bad_Name', kubeconfig: 'x' }, 'name', /^must be a lowercase RFC 1123 label/],
    [{ name: 'both', kubeconfig: 'x', kubeconfigPath: '/tmp/x' }, 'kubeconfigPath', /exactly one of them/],
    [{ name: 'neither' }, 'kubeconfig', /exactly one of kubeconfig or kubeconfigPath/],
    [{ name: 'extra', kubeconfig: 'x', token: 'y' }, 'token', /^is not a known field$/],
  ])('rejects the body %j with 400 VALIDATION_FAILED naming the field %s', async (body, field, rule) => {
    const res = await f.client.post<ErrorBody>(ApiRoutes.clusters(), body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details!.violations).toEqual([{ field, rule: expect.stringMatching(rule) }]);
  });

  it('answers a kubeconfigPath outside the allowed directories alike whether or not the file exists', async () => {
    const missing = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'nofile', kubeconfigPath: '/nonexistent/kubeconfig' });
    const existing = await f.client.post<ErrorBody>(ApiRoutes.clusters(), { name: 'passwd', kubeconfigPath: '/etc/passwd' });
    expect(missing.status).toBe(400);
    expect(missing.body.details?.violations).toEqual([{ field: 'kubeconfigPath', rule: expect.stringMatching(/inside a directory allowed by KNM_KUBECONFIG_DIRS/) }]);
    expect(existing.body).toEqual(missing.body);
  });

  it('tests a connection without saving the cluster', async () => {
    const res = await f.client.post<ClusterTestResponse>(ApiRoutes.clusterTest(), { kubeconfig: f.sim.kubeconfig });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ server: f.sim.url, context: 'kube-sim', kubernetesVersion: expect.stringMatching(/^v1\./), nodeCount: 8 });
    expect(await names()).not.toContain('connection-test');
  });

  it.each([
    ['GET cluster', (c: string) => f.client.get<ErrorBody>(ApiRoutes.cluster(c))],
    ['GET nodes', (c: string) => f.client.get<ErrorBody>(ApiRoutes.nodes(c))],
    ['GET node', (c: string) => f.client.get<ErrorBody>(ApiRoutes.node(c, 'n1'))],
    ['DELETE cluster', (c: string) => f.client.delete<ErrorBody>(ApiRoutes.cluster(c))],
  ])('answers 404 CLUSTER_NOT_FOUND to %s of an unknown cluster', async (_what, call) => {
    const res = await call('nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CLUSTER_NOT_FOUND');
  });

  it('deletes a cluster: 204, then its nodes are gone (404)', async () => {
    await registerSim(f, 'to-delete');
    expect((await f.client.get(ApiRoutes.nodes('to-delete'))).status).toBe(200);
    const res = await f.client.delete(ApiRoutes.cluster('to-delete'));
    expect(res.status).toBe(204);
    expect((await f.client.get<ErrorBody>(ApiRoutes.nodes('to-delete'))).body.code).toBe('CLUSTER_NOT_FOUND');
    expect(await names()).not.toContain('to-delete');
  });

  async function registerSimStatus(name: string): Promise<ClusterResponse> {
    return waitFor(`${name} synced`, async () => {
      const c = await f.client.get<ClusterResponse>(ApiRoutes.cluster(name));
      return c.body.status === 'synced' && c.body.nodeCount > 0 ? c.body : undefined;
    });
  }
});
