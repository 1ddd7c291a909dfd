import { TAINT_EFFECTS, TASK_KINDS } from '@knm/contracts';
import { apiClient, ApiProcess, startApi } from '../harness';

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    tags?: string[];
    parameters?: { name: string; in: string }[];
    requestBody?: { content: Record<string, { schema: { properties?: Record<string, { enum?: string[]; properties?: unknown }>; required?: string[] } }> };
  }>>;
}

/** The OpenAPI document at /api/docs describes every route with its inputs, taken from libs/contracts. */
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

  it('documents the task body with the kinds and taint effects of libs/contracts', () => {
    const schema = doc.paths['/api/v1/clusters/{cluster}/tasks'].post.requestBody!.content['application/json'].schema;
    expect(schema.required).toEqual(['kind', 'params']);
    expect(schema.properties!.kind.enum).toEqual([...TASK_KINDS]);
    expect(JSON.stringify(schema.properties!.params)).toContain(JSON.stringify([...TAINT_EFFECTS]));
  });

  it('documents every node list query parameter', () => {
    const names = doc.paths['/api/v1/clusters/{cluster}/nodes'].get.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(names.sort()).toEqual(['cordoned', 'limit', 'order', 'page', 'q', 'readiness', 'role', 'selector', 'sort', 'taint']);
  });

  it('documents the cluster registration body', () => {
    const schemaRef = JSON.stringify(doc.paths['/api/v1/clusters'].post.requestBody);
    expect(schemaRef).toMatch(/CreateClusterDto/);
  });

  it('tags every API route', () => {
    const untagged = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1'))
      .flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op.tags?.length).map(([m]) => `${m} ${path}`));
    expect(untagged).toEqual([]);
  });
});
