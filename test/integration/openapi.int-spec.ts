import { createClusterSchema, nodeListQuerySchema, TAINT_EFFECTS, TASK_KINDS } from '@knm/contracts';
import { openApiSchema } from '@knm/common';
import { apiClient, ApiProcess, startApi } from '../harness';

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    tags?: string[];
    parameters?: { name: string; in: string }[];
    requestBody?: { content: Record<string, { schema: unknown }> };
  }>>;
}

type Branch = { properties: { kind: { const?: string; enum?: string[] }; params: unknown }; required: string[] };

/** The OpenAPI document at /api/docs is generated from the zod schemas of libs/contracts, the ones that validate requests. */
describe('OpenAPI document', () => {
  let api: ApiProcess;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    api = await startApi();
    const res = await apiClient(api.url).get<OpenApiDoc>('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await api?.stop();
  });

  const body = (path: string) => doc.paths[path].post.requestBody!.content['application/json'].schema;

  it('documents the task body as one branch per kind of libs/contracts, with the taint effects', () => {
    const branches = (body('/api/v1/clusters/{cluster}/tasks') as { oneOf: Branch[] }).oneOf;
    const kindOf = (b: Branch) => b.properties.kind.const ?? b.properties.kind.enum?.[0];
    expect(branches.map(kindOf)).toEqual([...TASK_KINDS]);
    expect(branches.every((b) => b.required.includes('kind'))).toBe(true);
    expect(branches.filter((b) => b.required.includes('params')).map(kindOf)).toEqual(['label', 'taint']);
    expect(JSON.stringify(branches[1].properties.params)).toContain(JSON.stringify([...TAINT_EFFECTS]));
  });

  it('documents every node list query parameter, from the contracts schema', () => {
    const names = doc.paths['/api/v1/clusters/{cluster}/nodes'].get.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(names.sort()).toEqual(Object.keys(nodeListQuerySchema.shape).sort());
    expect(names.sort()).toEqual(['cordoned', 'limit', 'order', 'page', 'q', 'readiness', 'role', 'selector', 'sort', 'taint']);
  });

  it('documents the cluster registration body exactly as the contracts schema renders it', () => {
    expect(body('/api/v1/clusters')).toEqual(openApiSchema(createClusterSchema, 'input'));
  });

  it('tags every API route and names every path parameter', () => {
    const ops = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1')).flatMap(([path, o]) => Object.entries(o).map(([m, op]) => ({ path, m, op })));
    expect(ops.filter(({ op }) => !op.tags?.length).map(({ m, path }) => `${m} ${path}`)).toEqual([]);
    const missing = ops.flatMap(({ path, m, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).filter((name) => !op.parameters?.some((p) => p.in === 'path' && p.name === name)).map((n) => `${m} ${path} ${n}`),
    );
    expect(missing).toEqual([]);
  });
});
