import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRoutes, ErrorBody, ErrorCode, SubscribeAck } from '@knm/contracts';
import type { JsonResponse } from '../../harness';
import { RealtimeClient } from '../../harness';
import { nodeState } from '../tasks/task-test-env';
import { clusterNames, eventLoopVerdict, HostileEnv, kubeconfigFor, startHostileEnv, untilHealthy } from './support/hostile-env';

/**
 * Hostile-input suite (issue 8): kubeconfigs that try to run programs, read server files, reach
 * metadata addresses, block the event loop or blow up the parser, and sockets that flood. Against
 * the real API process (one exec plugin that sleeps and one that leaks are allowed, one kubeconfig
 * directory is allowed, a hostname is mapped to 169.254.169.254 in its resolver) and kube-sim, with
 * a fake API server that records every request it receives.
 */
jest.setTimeout(120_000);

/** The connection-test deadline (CONNECTION_TEST_TIMEOUT_MS) plus the time to answer. */
const REQUEST_DEADLINE_MS = 6_500;
const V1 = 'client.authentication.k8s.io/v1';

type Route = 'test' | 'register';
interface HostileCase {
  route: Route;
  body: (e: HostileEnv) => Record<string, unknown>;
  status: number;
  code: string;
  /** The violated field, when a field is at fault. */
  field?: string | RegExp;
  /** Extra checks after the answer. */
  then?: (e: HostileEnv, res: JsonResponse<ErrorBody>) => void;
}

const text = (kubeconfig: (e: HostileEnv) => string, route: Route = 'test') => (e: HostileEnv) =>
  route === 'register' ? { name: `hostile-${Math.abs(hash(kubeconfig(e)))}`, kubeconfig: kubeconfig(e) } : { kubeconfig: kubeconfig(e) };
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
const invalid = (field: string | RegExp, route: Route, body: HostileCase['body']): HostileCase => ({ route, body, status: 400, code: ErrorCode.InvalidKubeconfig, field });
const refusedAddress = (route: Route, body: HostileCase['body']): HostileCase => ({
  route,
  body,
  status: 422,
  code: ErrorCode.ClusterAddressRefused,
  field: 'kubeconfig.clusters[0].cluster.server',
});
const recorderUntouched = (e: HostileEnv) => expect(e.recorder.requests).toEqual([]);
const OUTSIDE = 'must name a readable regular file inside a directory allowed by KNM_KUBECONFIG_DIRS';
const sh = (e: HostileEnv) => ({ apiVersion: V1, command: '/bin/sh', args: ['-c', `cat ${e.keyPath} >&2; : > ${e.canary}`] });
const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');

/** A kubeconfig whose user entry is an alias of a mapping defined under an unrelated key. */
const aliased = (e: HostileEnv) => `hide: &x {exec: {apiVersion: ${V1}, command: /bin/sh, args: [-c, ": > ${e.canary}"]}}
clusters: [{name: c, cluster: {server: "${e.recorder.url}"}}]
users: [{name: u, user: *x}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

const CASES: Record<string, HostileCase> = {
  'exec /bin/sh (connection test)': invalid('kubeconfig.users[0].user.exec.command', 'test', text((e) => kubeconfigFor(e.recorder.url, { exec: sh(e) }))),
  'exec /bin/sh (registration)': invalid('kubeconfig.users[0].user.exec.command', 'register', text((e) => kubeconfigFor(e.recorder.url, { exec: sh(e) }), 'register')),
  'exec of a script that is not allowed': invalid('kubeconfig.users[0].user.exec.command', 'test', text((e) => kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.canaryScript } }))),
  'exec hidden behind a YAML alias': invalid('kubeconfig.users[0].user.exec.command', 'test', text((e) => aliased(e))),
  'exec of an allowed plugin with LD_PRELOAD': invalid('kubeconfig.users[0].user.exec.env[0].name', 'test', text((e) => kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.sleeper, env: [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }] } }))),
  'exec of an allowed plugin that sleeps past the deadline': {
    route: 'test',
    body: text((e) => kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.sleeper } })),
    status: 422,
    code: ErrorCode.ClusterCredentialsFailed,
    then: (e, res) => {
      expect(res.body.message).toMatch(/did not finish within \d+ ms/);
      const pid = Number(readFileSync(e.sleeperPid, 'utf8'));
      expect(running(pid)).toBe(false);
      recorderUntouched(e);
    },
  },
  'exec of an allowed plugin that prints the encryption key and fails': {
    route: 'test',
    body: text((e) => kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.leaky, args: [e.keyPath, '1'] } })),
    status: 422,
    code: ErrorCode.ClusterCredentialsFailed,
    then: (_e, res) => expect(res.body.message).toMatch(/exited with code 1 \(its output is not shown\)/),
  },
  'exec of an allowed plugin that prints a secret file and succeeds': {
    route: 'register',
    body: text((e) => kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.leaky, args: [e.secretPath, '0'] } }), 'register'),
    status: 422,
    code: ErrorCode.ClusterCredentialsFailed,
    then: (_e, res) => expect(res.body.message).toMatch(/printed no ExecCredential JSON/),
  },
  'auth-provider gcp with cmd-path': invalid('kubeconfig.users[0].user.auth-provider', 'test', text((e) => kubeconfigFor(e.recorder.url, { 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh', 'cmd-args': `-c ': > ${e.canary}'` } } }))),
  'auth-provider azure': invalid('kubeconfig.users[0].user.auth-provider', 'register', text((e) => kubeconfigFor(e.recorder.url, { 'auth-provider': { name: 'azure', config: { 'config-mode': '1', environment: 'AzurePublicCloud' } } }), 'register')),
  'auth-provider oidc with cmd-path and a refresh URL': invalid('kubeconfig.users[0].user.auth-provider', 'test', text((e) => kubeconfigFor(e.recorder.url, { 'auth-provider': { name: 'oidc', config: { 'idp-issuer-url': e.recorder.url, 'refresh-token': 'r', 'cmd-path': e.canaryScript } } }))),
  'token-file: the encryption key, server: the recorder': { ...invalid('kubeconfig.users[0].user.token-file', 'test', text((e) => kubeconfigFor(e.recorder.url, { 'token-file': e.keyPath }))), then: recorderUntouched },
  'tokenFile: the encryption key (registration)': { ...invalid('kubeconfig.users[0].user.tokenFile', 'register', text((e) => kubeconfigFor(e.recorder.url, { tokenFile: e.keyPath }), 'register')), then: recorderUntouched },
  'token-file: a relative path into the data dir': invalid('kubeconfig.users[0].user.token-file', 'test', text((e) => kubeconfigFor(e.recorder.url, { 'token-file': 'data/encryption.key' }))),
  'client-key: the encryption key': invalid('kubeconfig.users[0].user.client-key', 'test', text((e) => kubeconfigFor(e.recorder.url.replace('http:', 'https:'), { 'client-key': e.keyPath, 'client-certificate-data': 'Y2VydA==' }))),
  'client-certificate: a secret file': invalid('kubeconfig.users[0].user.client-certificate', 'test', text((e) => kubeconfigFor(e.recorder.url, { 'client-certificate': e.secretPath, 'client-key-data': 'a2V5' }))),
  'certificate-authority: the encryption key': invalid('kubeconfig.clusters[0].cluster.certificate-authority', 'test', text((e) => kubeconfigFor(e.recorder.url, { token: 't' }, { 'certificate-authority': e.keyPath }))),
  'proxy-url: the recorder': { ...invalid('kubeconfig.clusters[0].cluster.proxy-url', 'test', text((e) => kubeconfigFor('http://169.254.169.254', { token: 't' }, { 'proxy-url': e.recorder.url }))), then: recorderUntouched },
  'kubeconfigPath /etc/passwd': { ...invalid('kubeconfigPath', 'test', () => ({ kubeconfigPath: '/etc/passwd' })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath of a missing file outside': { ...invalid('kubeconfigPath', 'register', () => ({ name: 'nofile', kubeconfigPath: '/nonexistent/kubeconfig' })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath of a missing file inside the allowed dir': { ...invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: join(e.allowedDir, 'missing.yaml') })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath of the encryption key': { ...invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: e.keyPath })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath: a symlink in the allowed dir to the key': { ...invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: join(e.allowedDir, 'key-link.yaml') })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath: a .. escape from the allowed dir': { ...invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: `${e.allowedDir}/../secret.txt` })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath: a FIFO in the allowed dir': invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: join(e.allowedDir, 'fifo.yaml') })),
  'kubeconfigPath: a FIFO outside': { ...invalid('kubeconfigPath', 'test', (e) => ({ kubeconfigPath: join(e.dir, 'outside-fifo.yaml') })), then: (_e, r) => expect(r.body.details?.violations?.[0].rule).toBe(OUTSIDE) },
  'kubeconfigPath: an allowed file that names the key as token-file': { ...invalid('kubeconfigPath.users[0].user.token-file', 'test', (e) => ({ kubeconfigPath: join(e.allowedDir, 'token-file.yaml') })), then: recorderUntouched },
  'YAML alias bomb': invalid('kubeconfig', 'test', () => ({ kubeconfig: bomb })),
  'YAML alias bomb (registration)': invalid('kubeconfig', 'register', () => ({ name: 'bomb', kubeconfig: bomb })),
  'YAML alias to a missing anchor': invalid('kubeconfig', 'test', () => ({ kubeconfig: 'clusters: *nope\n' })),
  'YAML alias of a plain key': invalid('kubeconfig', 'test', () => ({ kubeconfig: 'a: &k name\n*k : 1\n' })),
  'YAML nested 30,000 deep': invalid('kubeconfig', 'test', () => ({ kubeconfig: `x: ${'['.repeat(30_000)}${']'.repeat(30_000)}` })),
  'YAML flow sequence of 45,000 items': invalid(/^kubeconfig/, 'test', () => ({ kubeconfig: `a: [${'1,'.repeat(45_000)}1]` })),
  'server 169.254.169.254': refusedAddress('test', text(() => kubeconfigFor('http://169.254.169.254', { token: 't' }))),
  'server 169.254.169.254 (registration)': refusedAddress('register', text(() => kubeconfigFor('http://169.254.169.254/latest/meta-data', { token: 't' }), 'register')),
  'server [fd00:ec2::254]': refusedAddress('test', text(() => kubeconfigFor('http://[fd00:ec2::254]', { token: 't' }))),
  'server [::ffff:169.254.169.254]': refusedAddress('test', text(() => kubeconfigFor('https://[::ffff:169.254.169.254]:443', { token: 't' }))),
  'server metadata.google.internal': refusedAddress('test', text(() => kubeconfigFor('http://metadata.google.internal', { token: 't' }))),
  'server 100.100.100.200 (Alibaba metadata)': refusedAddress('test', text(() => kubeconfigFor('http://100.100.100.200', { token: 't' }))),
  'a hostname resolving to 169.254.169.254': refusedAddress('test', text(() => kubeconfigFor('http://link-local.knm-test.invalid:6443', { token: 't' }))),
  'a hostname resolving to fe80::1': refusedAddress('test', text(() => kubeconfigFor('https://ipv6-link-local.knm-test.invalid', { token: 't' }))),
  'a hostname resolving to an IPv4-mapped metadata address': refusedAddress('register', text(() => kubeconfigFor('https://mapped.knm-test.invalid', { token: 't' }), 'register')),
};

/**
 * Calls `send(i)` `count` times in batches of 100, yielding between batches so this test process
 * keeps serving its own health probes (a flood sent in one synchronous loop would stall the
 * measuring side, not the API).
 */
async function inBatches(count: number, send: (i: number) => unknown): Promise<void> {
  for (let i = 0; i < count; i++) {
    send(i);
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  }
}

/** Running = exists and is not a zombie. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('hostile kubeconfigs and sockets (real API, kube-sim, recording fake API server)', () => {
  let e: HostileEnv;
  const answers: string[] = [];

  beforeAll(async () => {
    e = await startHostileEnv();
  });
  afterAll(async () => {
    await e?.stop();
  });

  it('control: a data-only kubeconfig aimed at the recorder reaches it, with its token (the recorder records headers)', async () => {
    const res = await e.http.post(ApiRoutes.clusterTest(), { kubeconfig: kubeconfigFor(e.recorder.url, { token: 'control-token' }) });
    expect(res.status).toBe(200);
    expect(e.recorder.requests.map((r) => r.headers.authorization)).toContain('Bearer control-token');
    e.recorder.requests.length = 0;
  });

  it('control: an allowed exec plugin runs and its token, not anything else, reaches the server', async () => {
    const kubeconfig = kubeconfigFor(e.recorder.url, { exec: { apiVersion: V1, command: e.tokenPlugin } });
    const res = await e.http.post(ApiRoutes.clusterTest(), { kubeconfig });
    expect(res.status).toBe(200);
    expect(new Set(e.recorder.requests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer exec-token']));
    e.recorder.requests.length = 0;
  });

  it.each(Object.entries(CASES))('%s: refused with a specific code, nothing run, read, sent or changed, event loop free', async (_name, c) => {
    const path = c.route === 'test' ? ApiRoutes.clusterTest() : ApiRoutes.clusters();
    const measured = await untilHealthy(e.api.url, () => e.http.post<ErrorBody>(path, c.body(e)));
    const { value: res, elapsedMs, attempts } = measured;
    answers.push(...attempts.map((a) => JSON.stringify(a.value.body)));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: c.status, code: c.code });
    if (c.field) {
      expect(res.body.details?.violations?.length).toBeGreaterThan(0);
      for (const v of res.body.details!.violations!) expect(v).toEqual({ field: expect.any(String), rule: expect.any(String) });
      expect(res.body.details!.violations!.map((v) => v.field)).toContainEqual(typeof c.field === 'string' ? c.field : expect.stringMatching(c.field));
    }
    expect(elapsedMs).toBeLessThan(REQUEST_DEADLINE_MS);
    expect(eventLoopVerdict(measured)).toMatchObject({ blocked: false });
    expect(existsSync(e.canary)).toBe(false);
    c.then?.(e, res);
  });

  it('kubeconfigPath answers are identical for existing and missing files outside the allowed dir', async () => {
    const a = await e.http.post<ErrorBody>(ApiRoutes.clusterTest(), { kubeconfigPath: '/etc/passwd' });
    const b = await e.http.post<ErrorBody>(ApiRoutes.clusterTest(), { kubeconfigPath: '/etc/no-such-file' });
    expect(a.body).toEqual(b.body);
  });

  it('1,000 cluster:subscribe of made-up clusters on one socket: none joins, every ack has a specific code, the flooding socket is dropped', async () => {
    const measured = await untilHealthy(e.api.url, async () => {
      const client = new RealtimeClient(e.api.url);
      await client.connected();
      const disconnected = new Promise<string>((r) => client.socket.once('disconnect', (reason) => r(reason)));
      const pending: Promise<SubscribeAck>[] = [];
      await inBatches(1000, (i) => pending.push(client.socket.timeout(3000).emitWithAck('cluster:subscribe', { cluster: `made-up-${i}` })));
      const acks = await Promise.allSettled(pending);
      client.close();
      return { acks, reason: await disconnected };
    });
    const { value } = measured;
    const answered = value.acks.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(answered.some((a) => a.ok)).toBe(false);
    expect(new Set(answered.map((a) => (a.ok ? 'ok' : a.code)))).toEqual(new Set([ErrorCode.ClusterNotFound, ErrorCode.RateLimited]));
    expect(value.reason).toBe('io server disconnect');
    expect(eventLoopVerdict(measured)).toMatchObject({ blocked: false });
  });

  it('a socket within the rate limit gets CLUSTER_NOT_FOUND for unknown clusters and TOO_MANY_SUBSCRIPTIONS past socketMaxRooms (1)', async () => {
    const client = new RealtimeClient(e.api.url);
    await client.connected();
    for (let i = 0; i < 10; i++) expect(await client.subscribeCluster(`unknown-${i}`)).toMatchObject({ ok: false, code: ErrorCode.ClusterNotFound });
    expect(await client.subscribeCluster('sim')).toEqual({ ok: true });
    expect(await client.subscribeCluster('sim')).toEqual({ ok: true });
    expect(await client.subscribeTask('3b241101-e2bb-4255-8caf-4136c566a962')).toMatchObject({ ok: false, code: ErrorCode.TooManySubscriptions });
    client.close();
  });

  it('an event flood without acks gets the socket disconnected while /health/live keeps answering', async () => {
    const measured = await untilHealthy(e.api.url, async () => {
      const client = new RealtimeClient(e.api.url);
      await client.connected();
      const disconnected = new Promise<string>((r) => client.socket.once('disconnect', (why) => r(why)));
      await inBatches(5000, () => client.socket.connected && client.socket.emit('cluster:unsubscribe', { cluster: 'sim' }));
      const why = await disconnected;
      client.close();
      return why;
    });
    expect(measured.value).toBe('io server disconnect');
    expect(eventLoopVerdict(measured)).toMatchObject({ blocked: false });
  });

  it('after all of it: no command ran, no cluster was added, kube-sim is unchanged', async () => {
    expect(existsSync(e.canary)).toBe(false);
    expect(await clusterNames(e.http)).toEqual(e.clustersBefore);
    expect(nodeState(e.sim)).toEqual(e.simBefore);
  });

  it('no secret left the server: not in a response, not at the recorder, not in the API output', () => {
    const recorded = JSON.stringify(e.recorder.requests);
    const output = e.api.output();
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    for (const secret of [e.key, e.secret, passwd, 'control-token', 'exec-token', e.simToken]) {
      expect(answers.join('\n')).not.toContain(secret);
      expect(recorded).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    expect(answers.length).toBeGreaterThanOrEqual(Object.keys(CASES).length);
  });
});
