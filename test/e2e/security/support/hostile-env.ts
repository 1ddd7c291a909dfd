import { createServer, IncomingMessage, Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ApiRoutes, ClusterResponse } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../../../apps/kube-sim/src';
import { apiClient, ApiProcess, JsonResponse, startApi, waitFor } from '../../../harness';
import { nodeState, NodeState } from '../../tasks/task-test-env';

/** One request the fake API server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A fake Kubernetes API server that records every request (method, URL, every header, body) and
 * answers /version and an empty node list, so a kubeconfig aimed at it passes the connection test.
 */
async function startRecorder(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('latin1')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/version')) res.end(JSON.stringify({ gitVersion: 'v1.31.0', major: '1', minor: '31' }));
      else if (req.url?.startsWith('/api/v1/nodes')) res.end(JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', metadata: {}, items: [] }));
      else res.writeHead(404).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** Names the hostile suite makes the API process resolve (support/fake-dns.cjs). */
export const FAKE_DNS = {
  'link-local.knm-test.invalid': '169.254.169.254',
  'ipv6-link-local.knm-test.invalid': 'fe80::1',
  'mapped.knm-test.invalid': '::ffff:169.254.169.254',
};

/** Everything the hostile suite runs against, and the secrets that must never leave. */
export interface HostileEnv {
  sim: KubeSim;
  api: ApiProcess;
  http: ReturnType<typeof apiClient>;
  recorder: Awaited<ReturnType<typeof startRecorder>>;
  /** Scratch directory: scripts, the canary, the allowed kubeconfig directory. */
  dir: string;
  /** A file every hostile command would create; it must never exist. */
  canary: string;
  /** KNM_KUBECONFIG_DIRS of the API process. */
  allowedDir: string;
  /** Absolute paths of the exec plugins the API allows (KNM_KUBECONFIG_EXEC_COMMANDS). */
  sleeper: string;
  leaky: string;
  /** Prints a valid ExecCredential with the token `exec-token`. */
  tokenPlugin: string;
  /** Where the sleeper writes its pid when it starts. */
  sleeperPid: string;
  /** A shell script that creates the canary (allowed nowhere). */
  canaryScript: string;
  /** The API's encryption key file and its text. */
  keyPath: string;
  key: string;
  /** A secret file the canary suite tries to have sent away. */
  secretPath: string;
  secret: string;
  /** The simulator's token, which appears only in kubeconfigs. */
  simToken: string;
  clustersBefore: string[];
  simBefore: NodeState;
  stop(): Promise<void>;
}

/** A one-context kubeconfig for `server` with `user` (a clientcmd v1 AuthInfo) and extra cluster fields. */
export function kubeconfigFor(server: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server, ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  });
}

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

export async function clusterNames(http: ReturnType<typeof apiClient>): Promise<string[]> {
  const res: JsonResponse<ClusterResponse[]> = await http.get<ClusterResponse[]>(ApiRoutes.clusters());
  return res.body.map((c) => c.name).sort();
}

export async function startHostileEnv(): Promise<HostileEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'knm-hostile-'));
  const canary = join(dir, 'canary');
  const allowedDir = join(dir, 'kubeconfigs');
  mkdirSync(allowedDir);
  const secretPath = join(dir, 'secret.txt');
  const secret = `CANARY-SECRET-${process.pid}-${Date.now()}`;
  writeFileSync(secretPath, secret);
  const sleeperPid = join(dir, 'sleeper.pid');
  const sleeper = script(join(dir, 'sleeper.sh'), `echo $$ > ${sleeperPid}\n/bin/sleep 20\n: > ${canary}`);
  const leaky = script(join(dir, 'leaky.sh'), `/bin/cat "$1"; /bin/cat "$1" >&2; exit "\${2:-1}"`);
  const tokenPlugin = script(
    join(dir, 'token.sh'),
    `printf '%s' '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token","expirationTimestamp":"2099-01-01T00:00:00Z"}}'`,
  );
  const canaryScript = script(join(dir, 'canary.sh'), `: > ${canary}`);
  execFileSync('mkfifo', [join(allowedDir, 'fifo.yaml')]);
  execFileSync('mkfifo', [join(dir, 'outside-fifo.yaml')]);
  const sim = await startKubeSim({ nodes: 3, podsPerNode: 0, port: 0, seed: 8 });
  const recorder = await startRecorder();
  const api = await startApi({
    env: {
      KNM_KUBECONFIG_EXEC_COMMANDS: `${sleeper},${leaky},${tokenPlugin}`,
      KNM_KUBECONFIG_DIRS: allowedDir,
      KNM_SOCKET_MAX_ROOMS: '1',
      KNM_TEST_FAKE_DNS: JSON.stringify(FAKE_DNS),
      NODE_OPTIONS: `--require ${join(__dirname, 'fake-dns.cjs')}`,
    },
  });
  const http = apiClient(api.url);
  const keyPath = join(api.dataDir, 'encryption.key');
  const key = readFileSync(keyPath, 'utf8').trim();
  symlinkSync(keyPath, join(allowedDir, 'key-link.yaml'));
  writeFileSync(join(allowedDir, 'token-file.yaml'), kubeconfigFor(recorder.url, { 'token-file': keyPath }));
  const registered = await http.post(ApiRoutes.clusters(), { name: 'sim', kubeconfig: sim.kubeconfig });
  if (registered.status !== 201) throw new Error(`registering kube-sim failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  await waitFor('cluster sim synced', async () => (await http.get<ClusterResponse>(ApiRoutes.cluster('sim'))).body.status === 'synced');
  return {
    sim, api, http, recorder, dir, canary, allowedDir, sleeper, leaky, tokenPlugin, sleeperPid, canaryScript, keyPath, key, secretPath, secret,
    simToken: 'kube-sim-token',
    clustersBefore: await clusterNames(http),
    simBefore: nodeState(sim),
    async stop() {
      await api.stop();
      await recorder.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A result, how long it took, the /health/live latencies while it was in flight and the API's own event-loop lag, ms. */
export interface Measured<T> {
  value: T;
  elapsedMs: number;
  healthMs: number[];
  /** Largest event-loop delay the API process itself saw over the same window (its /metrics, prom-client's monitorEventLoopDelay). */
  apiLoopLagMs: number;
}

/** /health/live must answer within this while hostile input is in flight, ms. */
export const HEALTH_WITHIN_MS = 100;

/** `knm_nodejs_eventloop_lag_max_seconds` of the API, ms; every scrape resets the histogram behind it. */
async function apiLoopLagMaxMs(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  const m = /^knm_nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m.exec(text);
  if (!m) throw new Error('the API exposes no knm_nodejs_eventloop_lag_max_seconds');
  return Number(m[1]) * 1000;
}

/**
 * Runs `work` while polling `/health/live` back to back (10 ms apart): an outcome check that the
 * API's event loop kept answering while the hostile input was being handled. Each latency is
 * net of this test process's own event-loop stalls during the probe (monitorEventLoopDelay), so
 * generating a flood here is not mistaken for the API being blocked; the API's own event-loop lag
 * over the window is read from its /metrics before and after.
 */
export async function whileProbingHealth<T>(apiUrl: string, work: () => Promise<T>): Promise<Measured<T>> {
  const healthMs: number[] = [];
  const ownDelay = monitorEventLoopDelay({ resolution: 5 });
  ownDelay.enable();
  // Warm up (the first request after an idle spell pays for a new connection) and reset the API's lag histogram.
  await apiLoopLagMaxMs(apiUrl);
  let done = false;
  const probe = async () => {
    do {
      ownDelay.reset();
      const t0 = performance.now();
      const r = await fetch(`${apiUrl}/health/live`);
      await r.text();
      const latency = performance.now() - t0;
      healthMs.push(Math.max(0, latency - (ownDelay.count > 0 ? ownDelay.max / 1e6 : 0)));
      if (r.status !== 200) throw new Error(`/health/live answered ${r.status}`);
      if (!done) await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!done);
  };
  const prober = probe();
  const t0 = performance.now();
  try {
    const value = await work();
    return { value, elapsedMs: performance.now() - t0, healthMs, apiLoopLagMs: 0 };
  } finally {
    done = true;
    await prober.finally(() => ownDelay.disable());
  }
}

/**
 * The event-loop outcome of one measurement. `blocked` when a /health/live probe took
 * {@link HEALTH_WITHIN_MS} or longer and the API's own event loop was late by as much: the
 * machine running the tests is shared (load averages of 7 to 11 on 2 cores were seen), and a probe
 * delayed while the API's loop ran on time was delayed by the machine, not by the API.
 */
export function eventLoopVerdict(m: Measured<unknown>): { slowestProbeMs: number; apiLoopLagMs: number; blocked: boolean } {
  const slowestProbeMs = Math.round(Math.max(...m.healthMs));
  const apiLoopLagMs = Math.round(m.apiLoopLagMs);
  return { slowestProbeMs, apiLoopLagMs, blocked: slowestProbeMs >= HEALTH_WITHIN_MS && apiLoopLagMs >= HEALTH_WITHIN_MS };
}

/**
 * {@link whileProbingHealth} plus the API's event-loop lag over the window, repeated (up to
 * `attempts` times; `work` must be repeatable) while the verdict is `blocked`. A blocked event
 * loop is deterministic and stays blocked on every attempt.
 */
export async function untilHealthy<T>(apiUrl: string, work: () => Promise<T>, attempts = 3): Promise<Measured<T> & { attempts: Measured<T>[] }> {
  const all: Measured<T>[] = [];
  for (let i = 0; i < attempts; i++) {
    const m = await whileProbingHealth(apiUrl, work);
    m.apiLoopLagMs = await apiLoopLagMaxMs(apiUrl);
    all.push(m);
    if (!eventLoopVerdict(m).blocked) break;
  }
  return { ...all[all.length - 1], attempts: all };
}
