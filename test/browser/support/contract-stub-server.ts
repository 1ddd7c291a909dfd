/**
 * Development stand-in for the API, speaking the contracts (routes, DTOs, socket events) from an
 * in-memory cluster, so the console can be seen and clicked before the real API is complete.
 * Not used by the browser e2e suite (that runs the real API from test/harness); point the suite
 * at it with KNM_E2E_URL only to develop the UI.
 *
 *   node test/browser/support/run-ts.cjs test/browser/support/contract-stub-server.ts [port]
 */
import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Server } from 'socket.io';
import {
  API_PREFIX, REALTIME_NAMESPACE, RoutePaths, TERMINAL_TASK_EVENT_TYPES, labelKeyViolations, labelValueViolations,
  type ClientToServerEvents, type ClusterResponse, type CreateTaskRequest, type FieldViolation, type LabelParams,
  type NodeSummary, type ServerToClientEvents, type TaskCounts, type TaskEvent, type TaskEventType, type TaskNodeResult,
  type TaskResponse, type TaskStatus,
} from '@knm/contracts';

const STEP_MS = Number(process.env.KNM_STUB_STEP_MS ?? 120);
const app = express();
const http = createServer(app);
const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
const rt = io.of(REALTIME_NAMESPACE);
app.use(express.json({ limit: '2mb' }));

const clusters: ClusterResponse[] = [];
const nodesByCluster = new Map<string, NodeSummary[]>();
const clusterSeq = new Map<string, number>();
interface StubTask { task: TaskResponse; events: TaskEvent[]; nodes: TaskNodeResult[]; cancel: boolean }
const tasks = new Map<string, StubTask>();

function makeNodes(cluster: string, n: number): NodeSummary[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `${cluster}-node-${String(i + 1).padStart(3, '0')}`;
    const control = i < 3;
    return {
      name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: new Date(Date.now() - (i + 1) * 36e5 * 7).toISOString(),
      labels: {
        'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${i % 3}`,
        ...(control ? { 'node-role.kubernetes.io/control-plane': '' } : { 'node-role.kubernetes.io/worker': '', tier: i % 2 ? 'web' : 'api' }),
      },
      annotations: {}, taints: control ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
      unschedulable: i === 7, readiness: i === 11 ? 'NotReady' : 'Ready', conditions: [],
      roles: [control ? 'control-plane' : 'worker'], capacity: { cpu: '8' }, allocatable: { cpu: '7800m' }, addresses: [],
      nodeInfo: { kubeletVersion: i % 10 === 9 ? 'v1.31.4' : 'v1.32.1', osImage: 'Debian', containerRuntimeVersion: 'containerd://2.0',
        kernelVersion: '6.1', architecture: 'amd64', operatingSystem: 'linux' },
    };
  });
}

function addCluster(name: string, count: number, context = 'default'): ClusterResponse {
  const c: ClusterResponse = { name, server: `https://${name}.example:6443`, context, status: 'synced', statusMessage: null,
    nodeCount: count, kubernetesVersion: 'v1.32.1', createdAt: new Date().toISOString() };
  clusters.push(c);
  nodesByCluster.set(name, makeNodes(name, count));
  clusterSeq.set(name, count);
  return c;
}
addCluster('sim', Number(process.env.KNM_STUB_NODES ?? 60));

const r = (p: string) => `${API_PREFIX}/${p}`;
const fail = (res: express.Response, status: number, code: string, message: string, violations?: FieldViolation[]) =>
  res.status(status).json({ code, message, ...(violations ? { details: { violations } } : {}) });

function matches(node: NodeSummary, selector: string): boolean {
  return selector.split(',').map((s) => s.trim()).filter(Boolean).every((term) => {
    if (term.startsWith('!')) return !(term.slice(1) in node.labels);
    const [k, v] = term.includes('!=') ? term.split('!=') : term.split('=');
    if (v === undefined) return k in node.labels;
    return term.includes('!=') ? node.labels[k] !== v : node.labels[k] === v;
  });
}

app.get(r(RoutePaths.clusters), (_req, res) => res.json(clusters));
app.post(r(RoutePaths.clusters), (req, res) => {
  const { name, kubeconfig } = req.body as { name?: string; kubeconfig?: string };
  if (!name || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return fail(res, 400, 'VALIDATION_FAILED', 'invalid name', [{ field: 'name', rule: 'must be a DNS-1123 label' }]);
  if (clusters.some((c) => c.name === name)) return fail(res, 409, 'CLUSTER_EXISTS', `cluster ${name} already exists`);
  if (!kubeconfig?.includes('clusters:')) return fail(res, 400, 'INVALID_KUBECONFIG', 'kubeconfig has no clusters section');
  return res.status(201).json(addCluster(name, 25));
});
app.delete(r(RoutePaths.cluster), (req, res) => {
  const i = clusters.findIndex((c) => c.name === req.params.cluster);
  if (i < 0) return fail(res, 404, 'CLUSTER_NOT_FOUND', `cluster ${req.params.cluster} not found`);
  clusters.splice(i, 1);
  return res.status(204).end();
});
app.get(r(RoutePaths.nodes), (req, res) => {
  const all = nodesByCluster.get(String(req.params.cluster));
  if (!all) return fail(res, 404, 'CLUSTER_NOT_FOUND', `cluster ${req.params.cluster} not found`);
  const { selector = '', q = '' } = req.query as Record<string, string>;
  if (/[()]/.test(selector)) return fail(res, 400, 'INVALID_SELECTOR', `stub supports only =, != and existence: "${selector}"`);
  const page = Number(req.query.page ?? 1), limit = Number(req.query.limit ?? 50);
  const hits = all.filter((n) => matches(n, selector) && n.name.includes(q.toLowerCase()));
  return res.json({ items: hits.slice((page - 1) * limit, page * limit), total: hits.length, page, limit, seq: clusterSeq.get(String(req.params.cluster)) });
});

function counts(nodes: TaskNodeResult[]): TaskCounts {
  const c: TaskCounts = { total: nodes.length, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const n of nodes) c[n.status]++;
  return c;
}

function emit(t: StubTask, type: TaskEventType, extra: Partial<TaskEvent> = {}, status: TaskStatus = 'running'): void {
  t.task.status = status;
  t.task.counts = counts(t.nodes);
  const e: TaskEvent = { taskId: t.task.id, seq: t.events.length + 1, type, at: new Date().toISOString(), counts: t.task.counts, status, ...extra };
  t.events.push(e);
  t.task.lastSeq = e.seq;
  rt.to(`task:${t.task.id}`).emit('task:event', e);
}

async function runTask(t: StubTask, params: LabelParams): Promise<void> {
  const sleep = () => new Promise((ok) => setTimeout(ok, STEP_MS));
  await sleep();
  emit(t, 'task:started');
  for (const n of t.nodes) {
    if (t.cancel) { n.status = 'cancelled'; emit(t, 'node:cancelled', { node: n.node }); continue; }
    n.status = 'running'; n.attempts = 1;
    emit(t, 'node:started', { node: n.node, attempt: 1 });
    await sleep();
    const node = nodesByCluster.get(t.task.cluster)!.find((x) => x.name === n.node)!;
    if (node.labels['fail-label-ops'] !== undefined) {
      n.status = 'failed'; n.error = 'admission webhook denied the patch';
      emit(t, 'node:failed', { node: n.node, attempt: 1, reason: n.error });
      continue;
    }
    node.labels = { ...node.labels, ...params.set };
    for (const k of params.remove ?? []) delete node.labels[k];
    const seq = (clusterSeq.get(t.task.cluster) ?? 0) + 1;
    clusterSeq.set(t.task.cluster, seq);
    rt.to(`cluster:${t.task.cluster}`).emit('node:changed', { cluster: t.task.cluster, seq, type: 'modified', name: node.name, node });
    n.status = 'succeeded';
    emit(t, 'node:succeeded', { node: n.node, attempt: 1 });
  }
  const c = counts(t.nodes);
  if (t.cancel) emit(t, 'task:cancelled', {}, 'cancelled');
  else if (c.failed) emit(t, 'task:failed', {}, 'failed');
  else emit(t, 'task:succeeded', {}, 'succeeded');
}

function createTask(cluster: string, body: CreateTaskRequest<'label'>, retryOf: string | null): StubTask {
  const id = `task-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const nodes: TaskNodeResult[] = (body.nodes ?? []).map((node) => ({ node, status: 'pending', attempts: 0, error: null, before: null, after: null, startedAt: null, finishedAt: null }));
  const task: TaskResponse = { id, cluster, kind: 'label', params: body.params, selector: null, dryRun: false, status: 'pending', counts: counts(nodes),
    concurrency: 1, createdBy: 'stub', retryOf, lastSeq: 0, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null };
  const t: StubTask = { task, events: [], nodes, cancel: false };
  tasks.set(id, t);
  emit(t, 'task:created', {}, 'pending');
  void runTask(t, body.params);
  return t;
}

app.post(r(RoutePaths.clusterTasks), (req, res) => {
  const body = req.body as CreateTaskRequest<'label'>;
  const violations: FieldViolation[] = [];
  for (const [k, v] of Object.entries(body.params?.set ?? {})) {
    for (const rule of [...labelKeyViolations(k), ...labelValueViolations(v)]) violations.push({ field: `params.set["${k}"]`, rule });
    if (k.startsWith('reserved.knm.io/')) violations.push({ field: `params.set["${k}"]`, rule: 'uses a reserved prefix' });
  }
  if (violations.length) return fail(res, 400, 'VALIDATION_FAILED', 'The label task is invalid', violations);
  return res.status(202).json(createTask(String(req.params.cluster), body, null).task);
});
const findTask = (req: express.Request, res: express.Response): StubTask | undefined => {
  const t = tasks.get(String(req.params.id));
  if (!t) fail(res, 404, 'TASK_NOT_FOUND', `task ${req.params.id} not found`);
  return t;
};
app.get(r(RoutePaths.task), (req, res) => { const t = findTask(req, res); if (t) res.json({ ...t.task, nodes: t.nodes }); });
app.get(r(RoutePaths.taskEvents), (req, res) => {
  const t = findTask(req, res);
  if (!t) return;
  const after = Number(req.query.afterSeq ?? 0);
  res.json({ items: t.events.filter((e) => e.seq > after), lastSeq: t.task.lastSeq, terminal: t.events.some((e) => TERMINAL_TASK_EVENT_TYPES.includes(e.type)) });
});
app.post(r(RoutePaths.taskCancel), (req, res) => {
  const t = findTask(req, res);
  if (!t) return;
  if (['succeeded', 'failed', 'cancelled'].includes(t.task.status)) return fail(res, 409, 'TASK_NOT_CANCELLABLE', `task is ${t.task.status}`);
  t.cancel = true;
  emit(t, 'task:cancel-requested');
  return res.status(202).json(t.task);
});
app.post(r(RoutePaths.taskRetry), (req, res) => {
  const t = findTask(req, res);
  if (!t) return;
  const failed = t.nodes.filter((n) => n.status === 'failed').map((n) => n.node);
  if (!failed.length) return fail(res, 409, 'TASK_NOT_RETRYABLE', 'no failed nodes');
  return res.status(202).json(createTask(t.task.cluster, { kind: 'label', params: t.task.params as LabelParams, nodes: failed }, t.task.id).task);
});

rt.on('connection', (socket) => {
  socket.on('cluster:subscribe', ({ cluster }, ack) => { void socket.join(`cluster:${cluster}`); ack?.({ ok: true }); });
  socket.on('cluster:unsubscribe', ({ cluster }, ack) => { void socket.leave(`cluster:${cluster}`); ack?.({ ok: true }); });
  socket.on('task:unsubscribe', ({ taskId }, ack) => { void socket.leave(`task:${taskId}`); ack?.({ ok: true }); });
  socket.on('task:subscribe', ({ taskId, afterSeq }, ack) => {
    const t = tasks.get(taskId);
    if (!t) return ack?.({ ok: false, code: 'TASK_NOT_FOUND', message: `task ${taskId} not found` });
    void socket.join(`task:${taskId}`);
    for (const e of t.events.filter((x) => x.seq > afterSeq)) socket.emit('task:event', e);
    return ack?.({ ok: true });
  });
});

const consoleDir = process.env.KNM_CONSOLE_DIR ?? join(__dirname, '../../../dist/console/browser');
app.use(express.static(consoleDir));
app.get('/{*path}', (_req, res) => res.sendFile(join(consoleDir, 'index.html')));
http.listen(Number(process.argv[2] ?? 8080), '127.0.0.1', () => process.stdout.write(`KNM_LISTENING http://127.0.0.1:${(http.address() as { port: number }).port}\n`));
