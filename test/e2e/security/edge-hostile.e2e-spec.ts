import { ApiRoutes, ClusterResponse, ErrorBody, ErrorCode, REQUEST_ID_HEADER, TaskListResponse, TaskResponse } from '@knm/contracts';
import { nodeState, startTaskTestEnv, TaskTestEnv } from '../tasks/task-test-env';

/**
 * Hostile requests at the edge (issue 8, classes 3 and 6), against the real API and kube-sim:
 * form-encoded, text/plain, multipart and typeless bodies, cross-origin mutations, oversized and
 * malformed JSON, null bodies, prototype keys and unknown parameters, on every mutating route and
 * several read routes. Every answer must be a 4xx with a specific code (and details.violations
 * when a field is at fault), never a 5xx, and nothing may change in kube-sim or the database.
 */

const EXTRA_ORIGIN = 'https://console.example.com';

interface Attack {
  name: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  code: ErrorCode;
  /** Fields the violations must name (in any order); omitted = at least one violation when the code has a field at fault. */
  fields?: string[];
}

interface Answer {
  status: number;
  body: ErrorBody;
  requestId: string | null;
}

/** Codes whose answers name the field at fault (a body field, a parameter, `body` or a header). */
const FIELD_CODES: ErrorCode[] = ['VALIDATION_FAILED', 'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'ORIGIN_NOT_ALLOWED'];

async function send(baseUrl: string, a: Pick<Attack, 'method' | 'path' | 'headers' | 'body'>): Promise<Answer> {
  const res = await fetch(baseUrl + a.path, { method: a.method, headers: a.headers, body: a.body });
  const text = await res.text();
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = { code: 'NOT JSON' as ErrorCode, message: text.slice(0, 200) };
  }
  return { status: res.status, body, requestId: res.headers.get(REQUEST_ID_HEADER) };
}

const json = (value: unknown) => JSON.stringify(value);
const JSON_TYPE = { 'content-type': 'application/json' };
const bytes = (text: string) => new TextEncoder().encode(text);

/** Every way of sending a body that is not a same-origin JSON body, for one mutating route. */
function bodyAttacks(method: 'POST' | 'DELETE', path: string, valid: unknown, selfOrigin: string): Attack[] {
  const v = json(valid);
  const form = new URLSearchParams(Object.entries(valid as Record<string, unknown>).map(([k, x]): [string, string] => [k, String(x)])).toString();
  const route = `${method} ${path}`;
  return [
    { name: `${route} form-encoded`, method, path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, code: 'UNSUPPORTED_MEDIA_TYPE', fields: ['headers.content-type'] },
    { name: `${route} text/plain JSON`, method, path, headers: { 'content-type': 'text/plain' }, body: v, code: 'UNSUPPORTED_MEDIA_TYPE', fields: ['headers.content-type'] },
    { name: `${route} multipart`, method, path, headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: `--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncordon\r\n--b--\r\n`, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: `${route} JSON without a content type`, method, path, body: bytes(v), code: 'UNSUPPORTED_MEDIA_TYPE', fields: ['headers.content-type'] },
    { name: `${route} JSON as UTF-7`, method, path, headers: { 'content-type': 'application/json; charset=utf-7' }, body: v, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: `${route} gzip-encoded`, method, path, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: v, code: 'UNSUPPORTED_MEDIA_TYPE', fields: ['headers.content-encoding'] },
    { name: `${route} from a foreign origin`, method, path, headers: { ...JSON_TYPE, origin: 'https://evil.example' }, body: v, code: 'ORIGIN_NOT_ALLOWED', fields: ['headers.origin'] },
    { name: `${route} form post from a foreign origin`, method, path, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: form, code: 'ORIGIN_NOT_ALLOWED' },
    { name: `${route} from origin null`, method, path, headers: { ...JSON_TYPE, origin: 'null' }, body: v, code: 'ORIGIN_NOT_ALLOWED' },
    { name: `${route} from a look-alike origin`, method, path, headers: { ...JSON_TYPE, origin: `${selfOrigin}.evil.example` }, body: v, code: 'ORIGIN_NOT_ALLOWED' },
    { name: `${route} 7 MB of JSON`, method, path, headers: JSON_TYPE, body: json({ ...(valid as object), pad: 'x'.repeat(7_000_000) }), code: 'PAYLOAD_TOO_LARGE', fields: ['body'] },
    ...['{', '{"kind":}', "{'kind': 'cordon'}", '{"kind":"cordon",}', 'NaN', '\u0000'].map((text): Attack => ({
      name: `${route} malformed JSON ${JSON.stringify(text)}`, method, path, headers: JSON_TYPE, body: text, code: 'MALFORMED_JSON', fields: ['body'],
    })),
    { name: `${route} JSON null`, method, path, headers: JSON_TYPE, body: 'null', code: 'VALIDATION_FAILED', fields: ['body'] },
    { name: `${route} JSON array`, method, path, headers: JSON_TYPE, body: '[]', code: 'VALIDATION_FAILED', fields: ['body'] },
    { name: `${route} JSON string`, method, path, headers: JSON_TYPE, body: '"cordon"', code: 'VALIDATION_FAILED', fields: ['body'] },
    { name: `${route} unknown query parameter`, method, path: `${path}?force=true`, headers: JSON_TYPE, body: v, code: 'VALIDATION_FAILED', fields: ['force'] },
    { name: `${route} __proto__ query parameter`, method, path: `${path}?__proto__=x`, headers: JSON_TYPE, body: v, code: 'VALIDATION_FAILED', fields: ['__proto__'] },
  ];
}

describe('hostile requests at the edge (real API + kube-sim)', () => {
  let env: TaskTestEnv;
  let taskId: string;
  let selfOrigin: string;
  const answers: { attack: Attack; answer: Answer }[] = [];

  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 6 }, { env: { KNM_CORS_ORIGINS: EXTRA_ORIGIN } });
    selfOrigin = env.api.url;
    const done = await env.createTask({ kind: 'cordon', nodes: [env.nodeNames[0]], dryRun: true });
    taskId = (await env.untilEnded(done.body.id)).id;
  });
  afterAll(() => env?.stop());

  function attacks(): Attack[] {
    const n0 = env.nodeNames[0];
    const task = { kind: 'cordon', nodes: [n0] };
    const cluster = { name: 'hostile', kubeconfig: env.sim.kubeconfig };
    const protoTask = (text: string): Attack => ({ name: `task body ${text}`, method: 'POST', path: ApiRoutes.clusterTasks('sim'), headers: JSON_TYPE, body: text, code: 'VALIDATION_FAILED' });
    return [
      ...bodyAttacks('POST', ApiRoutes.clusters(), cluster, selfOrigin),
      ...bodyAttacks('POST', ApiRoutes.clusterTest(), { kubeconfig: env.sim.kubeconfig }, selfOrigin),
      ...bodyAttacks('POST', ApiRoutes.clusterTasks('sim'), task, selfOrigin),
      ...bodyAttacks('DELETE', ApiRoutes.cluster('sim'), {}, selfOrigin),
      ...bodyAttacks('POST', ApiRoutes.taskCancel(taskId), {}, selfOrigin),
      ...bodyAttacks('POST', ApiRoutes.taskRetry(taskId), {}, selfOrigin),
      // Prototype keys are ordinary keys: unknown fields, or keys that break the label key rule.
      { ...protoTask(`{"__proto__":{"nodes":["${n0}"]},"kind":"cordon"}`), fields: ['__proto__', 'nodes'] },
      { ...protoTask(`{"kind":"label","nodes":["${n0}"],"params":{"set":{"__proto__":"x"}}}`), fields: ['params.set["__proto__"]'] },
      { ...protoTask(`{"kind":"label","nodes":["${n0}"],"params":{"__proto__":{"set":{"a":"b"}}}}`), fields: ['params.__proto__'] },
      { ...protoTask(`{"kind":"cordon","nodes":["${n0}"],"constructor":{"prototype":{"admin":true}}}`), fields: ['constructor'] },
      { name: 'cluster body with __proto__', method: 'POST', path: ApiRoutes.clusters(), headers: JSON_TYPE, body: `{"name":"hostile","__proto__":{"kubeconfig":${json(env.sim.kubeconfig)}}}`, code: 'VALIDATION_FAILED', fields: ['__proto__', 'kubeconfig'] },
      { name: 'cancel with a __proto__ body', method: 'POST', path: ApiRoutes.taskCancel(taskId), headers: JSON_TYPE, body: '{"__proto__":{}}', code: 'VALIDATION_FAILED', fields: ['body'] },
      { name: 'task with a query parameter the body also has', method: 'POST', path: `${ApiRoutes.clusterTasks('sim')}?dryRun=false`, headers: JSON_TYPE, body: json({ ...task, dryRun: true }), code: 'VALIDATION_FAILED', fields: ['dryRun'] },
      { name: 'task on a malformed cluster name', method: 'POST', path: ApiRoutes.clusterTasks('Sim_1'), headers: JSON_TYPE, body: json(task), code: 'VALIDATION_FAILED', fields: ['cluster'] },
      { name: 'cancel of a malformed task id', method: 'POST', path: ApiRoutes.taskCancel('../clusters'), headers: JSON_TYPE, body: '{}', code: 'VALIDATION_FAILED', fields: ['id'] },
      // Read routes: unknown, repeated and prototype-named parameters; malformed path parameters; unknown routes.
      { name: 'GET /clusters?foo', method: 'GET', path: `${ApiRoutes.clusters()}?foo=1`, code: 'VALIDATION_FAILED', fields: ['foo'] },
      { name: 'GET /tasks?constructor', method: 'GET', path: `${ApiRoutes.tasks()}?constructor=1&kind=label`, code: 'VALIDATION_FAILED', fields: ['constructor'] },
      { name: 'GET /tasks?limit twice', method: 'GET', path: `${ApiRoutes.tasks()}?limit=1&limit=2`, code: 'VALIDATION_FAILED', fields: ['limit'] },
      { name: 'GET /tasks?from local time', method: 'GET', path: `${ApiRoutes.tasks()}?from=2026-11-21T10:00:00`, code: 'VALIDATION_FAILED', fields: ['from'] },
      { name: 'GET /nodes?__proto__', method: 'GET', path: `${ApiRoutes.nodes('sim')}?__proto__=x`, code: 'VALIDATION_FAILED', fields: ['__proto__'] },
      { name: 'GET /nodes?limit=1e3', method: 'GET', path: `${ApiRoutes.nodes('sim')}?limit=1e3`, code: 'VALIDATION_FAILED', fields: ['limit'] },
      { name: 'GET node with a malformed name', method: 'GET', path: ApiRoutes.node('sim', 'Node_1'), code: 'VALIDATION_FAILED', fields: ['node'] },
      { name: 'GET task events?afterSeq=-1&x', method: 'GET', path: `${ApiRoutes.taskEvents(taskId)}?afterSeq=-1&x=1`, code: 'VALIDATION_FAILED', fields: ['afterSeq', 'x'] },
      { name: 'GET task?extra', method: 'GET', path: `${ApiRoutes.task(taskId)}?extra=1`, code: 'VALIDATION_FAILED', fields: ['extra'] },
      { name: 'GET an unknown route', method: 'GET', path: '/api/v1/nodes', code: 'ROUTE_NOT_FOUND' },
      { name: 'PUT a route that has no PUT', method: 'PUT', path: ApiRoutes.tasks(), headers: JSON_TYPE, body: '{}', code: 'ROUTE_NOT_FOUND' },
    ];
  }

  it('answers every hostile request with a specific 4xx code, violations where a field is at fault, and changes nothing', async () => {
    const before = { nodes: nodeState(env.sim), tasks: (await env.http.get<TaskListResponse>(ApiRoutes.tasks())).body, clusters: (await env.http.get<ClusterResponse[]>(ApiRoutes.clusters())).body };
    const list = attacks();
    expect(list.length).toBeGreaterThan(150);
    for (const attack of list) answers.push({ attack, answer: await send(env.api.url, attack) });

    const wrong = answers.filter(({ attack, answer }) => {
      const violations = answer.body.details?.violations ?? [];
      const fields = violations.map((v) => v.field);
      return (
        answer.status < 400 || answer.status >= 500 ||
        answer.body.code !== attack.code ||
        typeof answer.body.message !== 'string' ||
        !answer.requestId ||
        (FIELD_CODES.includes(attack.code) && (violations.length === 0 || violations.some((v) => !v.field || !v.rule))) ||
        (attack.fields !== undefined && JSON.stringify([...fields].sort()) !== JSON.stringify([...attack.fields].sort()))
      );
    });
    expect(wrong.map(({ attack, answer }) => `${attack.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`)).toEqual([]);

    expect(nodeState(env.sim)).toEqual(before.nodes);
    expect((await env.http.get<TaskListResponse>(ApiRoutes.tasks())).body).toEqual(before.tasks);
    expect((await env.http.get<ClusterResponse[]>(ApiRoutes.clusters())).body).toEqual(before.clusters);
    // The global filter logs every 5xx under its name; none may have happened.
    expect(env.api.output()).not.toMatch(/DomainExceptionFilter/);
  });

  it('lets the same requests through from the API\'s own origin and the configured one (the refusals above are about the request, not the route)', async () => {
    const test = { method: 'POST' as const, path: ApiRoutes.clusterTest(), body: json({ kubeconfig: env.sim.kubeconfig }) };
    expect((await send(env.api.url, { ...test, headers: JSON_TYPE })).status).toBe(200);
    expect((await send(env.api.url, { ...test, headers: { ...JSON_TYPE, origin: selfOrigin } })).status).toBe(200);
    expect((await send(env.api.url, { ...test, headers: { 'content-type': 'application/json; charset=UTF-8', origin: EXTRA_ORIGIN } })).status).toBe(200);
  });

  it('sends CORS headers to the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(env.api.url + ApiRoutes.clusterTasks('sim'), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await preflight(EXTRA_ORIGIN)).headers.get('access-control-allow-origin')).toBe(EXTRA_ORIGIN);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(env.api.url + ApiRoutes.clusters(), { headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts a kubeconfig of the documented 1,000,000 characters (the body limit is above it)', async () => {
    const kubeconfig = `${env.sim.kubeconfig.trimEnd()}\n# ${'p'.repeat(1_000_000 - env.sim.kubeconfig.trimEnd().length - 3)}`;
    expect(kubeconfig).toHaveLength(1_000_000);
    const res = await send(env.api.url, { method: 'POST', path: ApiRoutes.clusterTest(), headers: JSON_TYPE, body: json({ kubeconfig }) });
    expect(res.status).toBe(200);
    const over = await send(env.api.url, { method: 'POST', path: ApiRoutes.clusterTest(), headers: JSON_TYPE, body: json({ kubeconfig: `${kubeconfig}#` }) });
    expect(over).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { violations: [{ field: 'kubeconfig', rule: 'must be at most 1000000 characters' }] } } });
  });

  it('treats label keys named like Object.prototype properties as ordinary keys', async () => {
    const node = env.nodeNames[1];
    await env.untilEnded((await env.createTask({ kind: 'label', nodes: [node], params: { set: { constructor: 'was-here' } } })).body.id);
    const created = await env.createTask({ kind: 'label', nodes: [node], params: { remove: ['constructor'], set: { toString: 'yes' } } });
    expect(created.status).toBe(202);
    const task: TaskResponse = await env.untilEnded(created.body.id);
    expect(task.status).toBe('succeeded');
    const labels = env.sim.nodes.list().find((n) => n.metadata.name === node)!.metadata.labels!;
    expect(Object.prototype.hasOwnProperty.call(labels, 'constructor')).toBe(false);
    expect(labels.toString).toBe('yes');
  });
});
