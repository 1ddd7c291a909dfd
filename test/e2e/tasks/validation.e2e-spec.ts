import { ApiRoutes, ErrorBody, TaskListResponse, TaskResponse } from '@knm/contracts';
import { nodeState, startTaskTestEnv, TaskTestEnv } from './task-test-env';

/** Every bad input is a 400 (or 404) naming the field, and changes nothing. */
describe('task request validation through the API', () => {
  let env: TaskTestEnv;
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 10 });
  });
  afterAll(() => env?.stop());

  const cases: [string, Record<string, unknown>, string[]][] = [
    ['unknown kind', { kind: 'reboot', nodes: ['x'] }, ['kind']],
    ['label key with two slashes', { kind: 'label', params: { set: { 'a/b/c': 'v' } }, nodes: ['x'] }, ['params.set["a/b/c"]']],
    ['label value with a space', { kind: 'label', params: { set: { a: 'two words' } }, nodes: ['x'] }, ['params.set["a"]']],
    ['label value of 64 characters', { kind: 'label', params: { set: { a: 'v'.repeat(64) } }, nodes: ['x'] }, ['params.set["a"]']],
    ['nothing to do', { kind: 'label', params: {}, nodes: ['x'] }, ['params']],
    ['taint without effect', { kind: 'taint', params: { add: [{ key: 'k' }] }, nodes: ['x'] }, ['params.add[0].effect']],
    ['taint with bad key', { kind: 'taint', params: { add: [{ key: '-k', effect: 'NoSchedule' }] }, nodes: ['x'] }, ['params.add[0].key']],
    ['cordon reason not a string', { kind: 'cordon', params: { reason: 1 }, nodes: ['x'] }, ['params.reason']],
    ['no targets', { kind: 'cordon' }, ['nodes']],
    ['both nodes and selector', { kind: 'cordon', nodes: ['x'], selector: 'a=b' }, ['selector']],
    ['empty node list', { kind: 'cordon', nodes: [] }, ['nodes']],
    ['duplicate node', { kind: 'cordon', nodes: ['x', 'x'] }, ['nodes[1]']],
    ['bad node name', { kind: 'cordon', nodes: ['Node_1'] }, ['nodes[0]']],
    ['concurrency 0', { kind: 'cordon', nodes: ['x'], concurrency: 0 }, ['concurrency']],
    ['unknown field', { kind: 'cordon', nodes: ['x'], force: true }, ['force']],
  ];

  it.each(cases)('%s -> 400 VALIDATION_FAILED naming the field, nothing changed', async (_name, body, fields) => {
    const before = nodeState(env.sim);
    const tasksBefore = (await env.http.get<TaskListResponse>(ApiRoutes.tasks())).body.total;
    const res = await env.createTask(body);
    expect(res.status).toBe(400);
    const err = res.body as unknown as ErrorBody;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details!.violations!.map((v) => v.field)).toEqual(fields);
    expect(nodeState(env.sim)).toEqual(before);
    expect((await env.http.get<TaskListResponse>(ApiRoutes.tasks())).body.total).toBe(tasksBefore);
  });

  it('an unknown node -> 404 NODE_NOT_FOUND naming it; an unknown cluster -> 404 CLUSTER_NOT_FOUND', async () => {
    const res = await env.createTask({ kind: 'cordon', nodes: [env.nodeNames[0], 'no-such-node'] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NODE_NOT_FOUND', details: { nodes: ['no-such-node'] } });
    const other = await env.http.post(ApiRoutes.clusterTasks('nowhere'), { kind: 'cordon', nodes: ['x'] });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'CLUSTER_NOT_FOUND' });
  });

  it('a selector matching nothing -> 400 on selector; a malformed selector -> 400 INVALID_SELECTOR', async () => {
    const none = await env.createTask({ kind: 'cordon', selector: 'example.com/none=here' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'selector', rule: 'matches no node' }] } });
    const bad = await env.createTask({ kind: 'cordon', selector: 'a in (b' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_SELECTOR' });
  });

  it('a selector resolves targets, stored with the task', async () => {
    const name = env.nodeNames[3];
    const created = await env.createTask({ kind: 'label', params: { set: { picked: 'yes' } }, selector: `kubernetes.io/hostname=${name}` });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ selector: `kubernetes.io/hostname=${name}`, counts: { total: 1 } });
    const task = await env.untilEnded(created.body.id);
    expect(task.nodes!.map((n) => n.node)).toEqual([name]);
  });

  it('lists tasks newest first with filters and paging; bad query parameters -> 400 naming them', async () => {
    const a = await env.untilEnded((await env.createTask({ kind: 'cordon', nodes: [env.nodeNames[0]] })).body.id);
    const b = await env.untilEnded((await env.createTask({ kind: 'uncordon', nodes: [env.nodeNames[0]] })).body.id);
    const page = await env.http.get<TaskListResponse>(`${ApiRoutes.tasks()}?cluster=sim&limit=2&page=1`);
    expect(page.body.items.map((t) => t.id)).toEqual([b.id, a.id]);
    const cordons = await env.http.get<TaskListResponse>(`${ApiRoutes.tasks()}?kind=cordon&status=succeeded`);
    expect(cordons.body.items.every((t: TaskResponse) => t.kind === 'cordon' && t.status === 'succeeded')).toBe(true);
    const bad = await env.http.get<ErrorBody>(`${ApiRoutes.tasks()}?kind=reboot&limit=0&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.details!.violations!.map((v) => v.field)).toEqual(['kind', 'from', 'limit']);
    expect((await env.http.get(ApiRoutes.task('00000000-0000-4000-8000-00000000dead'))).status).toBe(404);
  });
});
