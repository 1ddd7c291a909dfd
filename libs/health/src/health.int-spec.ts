import { apiClient, ApiProcess, PostgresServer, startApi, startPostgres, waitFor } from '@test/harness';

interface HealthBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
  details: Record<string, { status: string }>;
}

describe('health endpoints (embedded SQLite)', () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it('answers liveness with 200 outside the /api/v1 prefix', async () => {
    const res = await apiClient(api.url).get<HealthBody>('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.details.process.status).toBe('up');
  });

  it('is ready when the database answers and migrations are applied', async () => {
    const res = await apiClient(api.url).get<HealthBody>('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.migrations.status).toBe('up');
  });

  it('serves Prometheus metrics including the default process metrics', async () => {
    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('knm_process_cpu_user_seconds_total');
  });
});

describe('readiness on PostgreSQL', () => {
  let pg: PostgresServer;
  let api: ApiProcess;
  beforeAll(async () => {
    pg = await startPostgres();
    api = await startApi({ env: { KNM_DATABASE_URL: await pg.createDatabase(), KNM_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') } });
  });
  afterAll(async () => {
    await api?.stop();
    await pg?.stop();
  });

  it('turns 503 naming the database while PostgreSQL is down, and ready again once it is back', async () => {
    const client = apiClient(api.url);
    expect((await client.get('/health/ready')).status).toBe(200);
    await pg.halt();
    const down = await waitFor('readiness 503', async () => {
      const res = await client.get<HealthBody>('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expect(down.body.error?.database.status).toBe('down');
    expect((await client.get('/health/live')).status).toBe(200);
    await pg.resume();
    await waitFor('readiness 200 after PostgreSQL is back', async () => (await client.get('/health/ready')).status === 200);
  });
});
