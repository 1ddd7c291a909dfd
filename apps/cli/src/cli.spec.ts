import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRoutes, type NodeSummary, type TaskEvent, type TaskResponse } from '@knm/contracts';
import { ExitCode } from './exit-codes';
import { runCli } from './main';
import { FakeHttpServer, type RecordedRequest } from './testing/fake-http-server';
import { testContext } from './testing/test-context';

const counts = (over: Partial<TaskResponse['counts']> = {}) => ({ total: 2, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, ...over });

const task = (over: Partial<TaskResponse> = {}): TaskResponse => ({
  id: 't-1', cluster: 'prod', kind: 'label', params: {}, selector: null, dryRun: false, status: 'running', counts: counts(), concurrency: 10,
  createdBy: 'anonymous', retryOf: null, lastSeq: 0, createdAt: '2026-11-21T10:00:00Z', startedAt: null, finishedAt: null, ...over,
}) as TaskResponse;

const node = (name: string, labels: Record<string, string> = {}): NodeSummary => ({
  name, uid: name, resourceVersion: '1', creationTimestamp: '2026-11-01T10:00:00Z', labels, annotations: {}, taints: [], unschedulable: false,
  readiness: 'Ready', conditions: [{ type: 'Ready', status: 'True' }], roles: [], capacity: {}, allocatable: {}, addresses: [],
  nodeInfo: { kubeletVersion: 'v1.32.4', osImage: '', containerRuntimeVersion: '', kernelVersion: '', architecture: '', operatingSystem: '' },
});

/** Events of a 2-node task where n2 fails. */
const failedRun = (): TaskEvent[] => {
  const e = (seq: number, type: TaskEvent['type'], extra: Partial<TaskEvent> = {}): TaskEvent => ({ taskId: 't-1', seq, type, at: '2026-11-21T10:00:00Z', counts: counts(), status: 'running', ...extra }) as TaskEvent;
  return [e(1, 'task:created'), e(2, 'node:succeeded', { node: 'n1' }), e(3, 'node:failed', { node: 'n2', reason: 'HTTP 500 injected' }), e(4, 'task:failed', { status: 'failed' })];
};

describe('knm commands against a fake API', () => {
  let api: FakeHttpServer;
  let t: ReturnType<typeof testContext>;
  const nodes = Array.from({ length: 2500 }, (_, i) => node(`n${String(i).padStart(4, '0')}`, i === 1 ? { tier: 'db' } : {}));
  beforeEach(async () => {
    api = await new FakeHttpServer({
      [`GET ${ApiRoutes.nodes('prod')}`]: (r) => {
        const q = new URL(r.path, 'http://x').searchParams;
        const page = Number(q.get('page'));
        const limit = Number(q.get('limit'));
        return { status: 200, body: { items: nodes.slice((page - 1) * limit, page * limit), total: nodes.length, page, limit, seq: 1 } };
      },
      [`POST ${ApiRoutes.clusterTasks('prod')}`]: () => ({ status: 202, body: task() }),
      [`GET ${ApiRoutes.taskEvents('t-1')}`]: () => ({ status: 200, body: { items: failedRun(), lastSeq: 4, terminal: true } }),
      [`GET ${ApiRoutes.task('t-1')}`]: () => ({
        status: 200,
        body: task({ status: 'failed', counts: counts({ succeeded: 1, failed: 1 }), nodes: [
          { node: 'n1', status: 'succeeded', attempts: 1, error: null, before: null, after: null, startedAt: null, finishedAt: null },
          { node: 'n2', status: 'failed', attempts: 1, error: 'HTTP 500 injected', before: null, after: null, startedAt: null, finishedAt: null },
        ] }),
      }),
    }).start();
    t = testContext({ KNM_SERVER: api.url, KNM_CLUSTER: 'prod' });
  });
  afterEach(async () => {
    t.cleanup();
    await api.stop();
  });

  const posted = (): RecordedRequest[] => api.to('POST', ApiRoutes.clusterTasks('prod'));

  it('nodes ls pages through every node at the largest page size', async () => {
    expect(await runCli(['nodes', 'ls', '-o', 'name'], t.ctx)).toBe(ExitCode.Ok);
    expect(t.stdout.text.trim().split('\n')).toHaveLength(2500);
    expect(api.to('GET', ApiRoutes.nodes('prod')).map((r) => new URL(r.path, 'http://x').searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('a failed node: one line per node event, the summary names it with its error, exit 1', async () => {
    expect(await runCli(['label', 'n1', 'n2', 'a=b'], t.ctx)).toBe(ExitCode.Failed);
    expect(t.stdout.text).toBe(
      ['node/n1 labeled', 'node/n2 failed: HTTP 500 injected', 'task t-1 failed: label on cluster prod', '  2 nodes: 1 succeeded, 1 failed, 0 skipped, 0 cancelled', 'failed nodes:', '  node/n2: HTTP 500 injected', ''].join('\n'),
    );
    expect(posted()[0].body).toEqual({ kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1', 'n2'] });
  });

  it('-o json prints only the final task', async () => {
    expect(await runCli(['cordon', 'n1', 'n2', '--reason', 'kernel', '--concurrency', '2', '--dry-run', '-o', 'json'], t.ctx)).toBe(ExitCode.Failed);
    expect(JSON.parse(t.stdout.text)).toMatchObject({ id: 't-1', status: 'failed' });
    expect(posted()[0].body).toEqual({ kind: 'cordon', params: { reason: 'kernel' }, nodes: ['n1', 'n2'], dryRun: true, concurrency: 2 });
  });

  it('without --overwrite, a label that has another value on a target node is refused before any task (exit 1)', async () => {
    expect(await runCli(['label', 'nodes', 'n0001', 'tier=web'], t.ctx)).toBe(ExitCode.Failed);
    expect(t.stderr.text).toMatch(/^error: node\/n0001: 'tier' already has a value \(db\), and --overwrite is false\n/);
    expect(posted()).toEqual([]);
    expect(await runCli(['label', 'n0001', 'tier=db'], t.ctx)).toBe(ExitCode.Failed);
    expect(posted()).toHaveLength(1);
    expect(await runCli(['label', 'n0001', 'tier=web', '--overwrite'], t.ctx)).toBe(ExitCode.Failed);
    expect(posted()).toHaveLength(2);
  });

  it("drain sends kubectl's flags as params; the server's 400 for an unknown kind is reported with the field and exit 2", async () => {
    api.routes[`POST ${ApiRoutes.clusterTasks('prod')}`] = () => ({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: 'kind: must be one of label, taint, cordon, uncordon', details: { violations: [{ field: 'kind', rule: 'must be one of label, taint, cordon, uncordon' }] } },
      headers: { 'x-request-id': 'rid-1' },
    });
    const code = await runCli(['drain', '-l', 'pool=a', '--ignore-daemonsets', '--delete-emptydir-data', '--grace-period=-1', '--timeout', '2m', '--dry-run=server'], t.ctx);
    expect(code).toBe(ExitCode.Usage);
    expect(posted()[0].body).toEqual({ kind: 'drain', params: { ignoreDaemonSets: true, deleteEmptyDirData: true, gracePeriodSeconds: -1, timeoutSeconds: 120 }, selector: 'pool=a', dryRun: true });
    expect(t.stderr.text).toBe(
      [
        'error: the server rejected the request (400 VALIDATION_FAILED, request id rid-1)',
        '  kind: must be one of label, taint, cordon, uncordon',
        `  the server at ${api.url} does not offer task kind "drain"`,
        '',
      ].join('\n'),
    );
  });

  it.each([
    [['taint', 'n1', 'foo=bar:Sometimes'], /^error: invalid taint spec: foo=bar:Sometimes, invalid taint effect: Sometimes/],
    [['label', 'n1', 'a=b=c'], /^error: invalid label spec: a=b=c\n$/],
    [['label', 'n1', 'a=b', '-l', 'x=y'], /^error: name nodes or give a label selector \(-l\), not both\n$/],
    [['label', 'n1', 'a=b', '--bogus'], /^error: unknown option '--bogus'/],
    [['label', 'n1', 'a=b', '--dry-run=client'], /^error: --dry-run=client is not supported/],
    [['drain', 'n1', '--grace-period', 'soon'], /^error: invalid argument "soon" for "--grace-period" flag/],
    [['nodes', 'ls', '-o', 'table'], /argument 'table' is invalid/],
  ])('%j is bad input: exit 2 before any request, the error names the argument', async (args, message) => {
    expect(await runCli(args, t.ctx)).toBe(ExitCode.Usage);
    expect(t.stderr.text).toMatch(message);
    expect(api.requests).toEqual([]);
  });

  it('no cluster anywhere is exit 2', async () => {
    expect(await runCli(['nodes', 'ls'], { ...t.ctx, env: { KNM_SERVER: api.url } })).toBe(ExitCode.Usage);
    expect(t.stderr.text).toMatch(/^error: no cluster: pass -c\/--cluster NAME/);
  });

  it('an unreachable server is exit 3', async () => {
    await api.stop();
    expect(await runCli(['nodes', 'ls'], t.ctx)).toBe(ExitCode.Unreachable);
    expect(t.stderr.text).toMatch(/^error: cannot reach the server at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it('clusters add sends the text of the kubeconfig file, never its path', async () => {
    api.routes[`POST ${ApiRoutes.clusters()}`] = () => ({ status: 201, body: { name: 'prod', server: 'https://k', context: 'c', status: 'synced', statusMessage: null, nodeCount: 3, kubernetesVersion: 'v1.32.4', createdAt: '2026-11-21T10:00:00Z' } });
    const file = join(t.dir, 'kubeconfig');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\n');
    expect(await runCli(['clusters', 'add', 'prod', '--kubeconfig', file, '--context', 'c'], t.ctx)).toBe(ExitCode.Ok);
    expect(api.to('POST', ApiRoutes.clusters())[0].body).toEqual({ name: 'prod', kubeconfig: 'apiVersion: v1\nkind: Config\n', context: 'c' });
    expect(t.stdout.text).toBe('cluster/prod registered (server https://k, context c, 3 nodes)\n');
  });

  it('tasks export streams the body into --output FILE; a refusal leaves no file and reports the status', async () => {
    const file = join(t.dir, 'tasks.csv');
    expect(await runCli(['tasks', 'export', '--format', 'jsonl', '--output', file], t.ctx)).toBe(ExitCode.Failed);
    expect(t.stderr.text).toMatch(/^error: Cannot GET \/api\/v1\/tasks\/export\?format=jsonl \(404 NOT_FOUND\)/);
    expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
    api.routes[`GET ${ApiRoutes.tasks()}/export`] = () => ({ status: 200, body: 'id,kind\nt-1,label\n', headers: { 'content-type': 'text/csv' } });
    expect(await runCli(['tasks', 'export', '--output', file, '--status', 'failed'], t.ctx)).toBe(ExitCode.Ok);
    expect(readFileSync(file, 'utf8')).toBe('id,kind\nt-1,label\n');
    expect(api.requests.at(-1)!.path).toBe(`${ApiRoutes.tasks()}/export?format=csv&status=failed`);
  });
});
