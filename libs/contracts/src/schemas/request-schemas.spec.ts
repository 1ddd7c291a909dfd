import { z } from 'zod';
import { clusterConnectionSchema, createClusterSchema, KUBECONFIG_MAX_LENGTH } from './cluster.schema';
import { nodeListQuerySchema, nodeParamsSchema } from './node.schema';
import { clusterSubscribeSchema, taskSubscribeSchema } from './socket.schema';
import { TASK_KINDS } from '../task';
import { createTaskRequestSchema, taskEventsQuerySchema, taskListQuerySchema } from './task.schema';
import { fieldPath, mapKeySegment, parseWith } from './violations';

const query = { unknownKeyRule: 'is not a known query parameter' };

describe('fieldPath', () => {
  it('joins fields with dots, indexes in brackets and map keys as JSON strings', () => {
    expect(fieldPath('', ['params', 'set', mapKeySegment('app/x')])).toBe('params.set["app/x"]');
    expect(fieldPath('', ['params', 'add', 0, 'effect'])).toBe('params.add[0].effect');
    expect(fieldPath('', ['nodes', 3])).toBe('nodes[3]');
    expect(fieldPath('', [mapKeySegment('a"b')])).toBe('["a\\"b"]');
  });
});

describe('cluster registration body', () => {
  it('accepts a name and a kubeconfig of the documented maximum length', () => {
    expect(parseWith(createClusterSchema, { name: 'prod-eu', kubeconfig: 'x'.repeat(KUBECONFIG_MAX_LENGTH) }).ok).toBe(true);
  });

  it('names every broken rule', () => {
    const r = parseWith(createClusterSchema, { name: 'Prod_1', kubeconfig: 'x'.repeat(KUBECONFIG_MAX_LENGTH + 1), extra: 1 });
    expect(r).toEqual({
      ok: false,
      violations: [
        { field: 'name', rule: expect.stringMatching(/^must be a lowercase RFC 1123 label/) },
        { field: 'kubeconfig', rule: `must be at most ${KUBECONFIG_MAX_LENGTH} characters` },
        { field: 'extra', rule: 'is not a known field' },
      ],
    });
  });

  it('requires exactly one of kubeconfig and kubeconfigPath', () => {
    expect(parseWith(clusterConnectionSchema, {})).toEqual({ ok: false, violations: [{ field: 'kubeconfig', rule: 'exactly one of kubeconfig or kubeconfigPath is required' }] });
    expect(parseWith(clusterConnectionSchema, { kubeconfig: 'a', kubeconfigPath: '/b' })).toMatchObject({ ok: false, violations: [{ field: 'kubeconfigPath' }] });
    expect(parseWith(clusterConnectionSchema, { kubeconfig: '' })).toEqual({ ok: false, violations: [{ field: 'kubeconfig', rule: 'must not be empty' }] });
  });

  it('names a missing name and a null body', () => {
    expect(parseWith(createClusterSchema, { kubeconfig: 'a' })).toEqual({ ok: false, violations: [{ field: 'name', rule: 'is required' }] });
    expect(parseWith(createClusterSchema, null)).toEqual({ ok: false, violations: [{ field: 'body', rule: 'must be a JSON object, not null' }] });
  });
});

describe('query schemas', () => {
  it('turns query text into values', () => {
    expect(parseWith(nodeListQuerySchema, { cordoned: 'true', page: '2', limit: '10', readiness: 'Ready' }, query)).toEqual({
      ok: true,
      value: { cordoned: true, page: 2, limit: 10, readiness: 'Ready' },
    });
    expect(parseWith(taskListQuerySchema, { from: '2026-11-21T11:00:00+01:00' }, query)).toEqual({ ok: true, value: { from: '2026-11-21T10:00:00.000Z' } });
  });

  it('treats an empty value as absent', () => {
    expect(parseWith(taskListQuerySchema, { kind: '', page: '' }, query)).toEqual({ ok: true, value: {} });
  });

  it('names unknown, repeated and malformed parameters', () => {
    const r = parseWith(nodeListQuerySchema, { limit: '0', page: ['1', '2'], cordoned: 'yes', extra: 'x' }, query);
    expect(r).toEqual({
      ok: false,
      violations: [
        { field: 'cordoned', rule: 'must be true or false, not a string' },
        { field: 'page', rule: 'must be given once' },
        { field: 'limit', rule: 'must be at least 1' },
        { field: 'extra', rule: 'is not a known query parameter' },
      ],
    });
  });

  it('rejects signs, exponents and local times', () => {
    expect(parseWith(taskEventsQuerySchema, { afterSeq: '-1' }, query)).toMatchObject({ ok: false, violations: [{ field: 'afterSeq' }] });
    expect(parseWith(taskEventsQuerySchema, { limit: '1e3' }, query)).toMatchObject({ ok: false, violations: [{ field: 'limit' }] });
    expect(parseWith(taskListQuerySchema, { from: '2026-11-21T10:00:00' }, query)).toMatchObject({ ok: false, violations: [{ field: 'from' }] });
    expect(parseWith(taskListQuerySchema, { cluster: 'Bad_Name' }, query)).toMatchObject({ ok: false, violations: [{ field: 'cluster' }] });
  });

  it('checks path parameters with the Kubernetes name rules', () => {
    expect(parseWith(nodeParamsSchema, { cluster: 'prod', node: 'ip-10-0-0-1.ec2.internal' }).ok).toBe(true);
    expect(parseWith(nodeParamsSchema, { cluster: 'prod', node: 'Node_1' })).toMatchObject({ ok: false, violations: [{ field: 'node' }] });
  });
});

describe('socket payloads', () => {
  const id = '00000000-0000-4000-8000-000000000001';

  it('defaults afterSeq to 0 and names bad fields', () => {
    expect(parseWith(taskSubscribeSchema, { taskId: id })).toEqual({ ok: true, value: { taskId: id, afterSeq: 0 } });
    expect(parseWith(taskSubscribeSchema, { taskId: 'x', afterSeq: -1 })).toEqual({
      ok: false,
      violations: [
        { field: 'taskId', rule: 'must be a UUID' },
        { field: 'afterSeq', rule: 'must be at least 0' },
      ],
    });
    expect(parseWith(clusterSubscribeSchema, { cluster: 'prod', extra: 1 })).toMatchObject({ ok: false, violations: [{ field: 'extra' }] });
  });
});

describe('OpenAPI from the same schemas', () => {
  it('renders the task body as one branch per kind with its params', () => {
    const json = z.toJSONSchema(createTaskRequestSchema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as unknown as { oneOf: { properties: { kind: { const?: string; enum?: string[] }; params: unknown } }[] };
    expect(json.oneOf.map((b) => b.properties.kind.const ?? b.properties.kind.enum?.[0])).toEqual([...TASK_KINDS]);
    expect(JSON.stringify(json.oneOf[0].properties.params)).toContain('"additionalProperties"');
  });
});
