import { statSync } from 'node:fs';
import { ApiRoutes, type ClusterResponse } from '@knm/contracts';
import { runCli } from '../main';
import { ExitCode } from '../exit-codes';
import type { SessionAuth } from '../config/cli-config';
import { FakeHttpServer, type RecordedRequest } from '../testing/fake-http-server';
import { ManualClock, testContext } from '../testing/test-context';
import { PassThrough } from 'node:stream';

const USER = { id: 'u1', username: 'alice', displayName: null, mustChangePassword: false };

/** A fake auth server after AUTH-SPEC.md: login sets the refresh and CSRF cookies; refresh rotates them. */
function authServer() {
  let generation = 0;
  const issued = () => ({
    status: 200,
    body: { accessToken: `access-${generation}`, expiresIn: 900, user: USER, mustChangePassword: false },
    headers: { 'set-cookie': [`knm_refresh=refresh-${generation}; Path=/api/v1/auth; HttpOnly; SameSite=Strict`, `knm_csrf=csrf-${generation}; Path=/`] },
  });
  const authorized = (r: RecordedRequest) => r.headers.authorization === `Bearer access-${generation}`;
  return new FakeHttpServer({
    'POST /api/v1/auth/login': (r) => {
      const body = r.body as { username: string; password: string };
      if (body.password !== 's3cret') return { status: 401, body: { code: 'UNAUTHORIZED', message: 'invalid username or password' } };
      generation++;
      return issued();
    },
    'POST /api/v1/auth/refresh': (r) => {
      if (r.headers.cookie !== `knm_refresh=refresh-${generation}; knm_csrf=csrf-${generation}` || r.headers['x-knm-csrf'] !== `csrf-${generation}`) {
        return { status: 401, body: { code: 'UNAUTHORIZED', message: 'refresh token invalid' } };
      }
      generation++;
      return issued();
    },
    'POST /api/v1/auth/logout': () => ({ status: 204 }),
    'GET /api/v1/auth/me': (r) => (r.headers.authorization === 'Bearer knm_good' ? { status: 200, body: { user: USER } } : { status: 401, body: { code: 'UNAUTHORIZED', message: 'invalid token' } }),
    [`GET ${ApiRoutes.clusters()}`]: (r) =>
      authorized(r) || r.headers.authorization === 'Bearer knm_good' ? { status: 200, body: [] as ClusterResponse[] } : { status: 401, body: { code: 'UNAUTHORIZED', message: 'authentication required' } },
  });
}

function stdinWith(text: string): NodeJS.ReadStream {
  const s = new PassThrough();
  s.end(text);
  return s as unknown as NodeJS.ReadStream;
}

describe('knm login (against a fake server until the auth branch lands)', () => {
  let server: FakeHttpServer;
  let t: ReturnType<typeof testContext>;
  const clock = new ManualClock();
  beforeEach(async () => {
    server = await authServer().start();
    t = testContext({ KNM_SERVER: server.url }, { clock });
  });
  afterEach(async () => {
    t.cleanup();
    await server.stop();
  });

  const login = (args: string[], stdin: string) => runCli(['login', ...args], { ...t.ctx, prompt: { ...t.ctx.prompt, stdin: stdinWith(stdin) } });

  it('a password login stores the server, access token, refresh and CSRF tokens in a 0600 file and sends them', async () => {
    expect(await login(['-u', 'alice', '--password-stdin'], 's3cret\n')).toBe(ExitCode.Ok);
    expect(t.stdout.text).toBe(`Logged in to ${server.url} as alice\n`);
    expect(statSync(t.ctx.store.path).mode & 0o777).toBe(0o600);
    const auth = t.ctx.store.read().auth as SessionAuth;
    expect(auth).toMatchObject({ type: 'session', server: server.url, username: 'alice', accessToken: 'access-1', refreshToken: 'refresh-1', csrfToken: 'csrf-1' });
    expect(server.to('POST', '/api/v1/auth/login')[0].body).toEqual({ username: 'alice', password: 's3cret' });
    expect(await runCli(['clusters', 'ls'], t.ctx)).toBe(ExitCode.Ok);
    expect(server.to('GET', ApiRoutes.clusters())[0].headers.authorization).toBe('Bearer access-1');
  });

  it('renews an expired access token through /auth/refresh (cookie + CSRF header) and stores the rotated tokens', async () => {
    await login(['-u', 'alice', '--password-stdin'], 's3cret');
    clock.ms += 900_000;
    expect(await runCli(['clusters', 'ls'], t.ctx)).toBe(ExitCode.Ok);
    expect(server.to('POST', '/api/v1/auth/refresh')).toHaveLength(1);
    expect(server.to('GET', ApiRoutes.clusters()).at(-1)!.headers.authorization).toBe('Bearer access-2');
    expect(t.ctx.store.read().auth).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2', csrfToken: 'csrf-2' });
  });

  it('a refused refresh forgets the session and exits 3 telling to log in again', async () => {
    await login(['-u', 'alice', '--password-stdin'], 's3cret');
    await t.ctx.store.update((c) => ({ ...c, auth: { ...(c.auth as SessionAuth), refreshToken: 'stolen', accessTokenExpiresAt: 0 } }));
    expect(await runCli(['clusters', 'ls'], t.ctx)).toBe(ExitCode.Unreachable);
    expect(t.stderr.text).toMatch(/error: refresh token invalid \(401 UNAUTHORIZED/);
    expect(t.ctx.store.read().auth).toBeUndefined();
  });

  it('a wrong password exits 3 and stores nothing', async () => {
    expect(await login(['-u', 'alice', '--password-stdin'], 'wrong')).toBe(ExitCode.Unreachable);
    expect(t.stderr.text).toMatch(/^error: login failed: invalid username or password \(401 UNAUTHORIZED/);
    expect(t.ctx.store.read()).toEqual({});
  });

  it('an account that must change its password is refused with exit 3', async () => {
    server.routes['POST /api/v1/auth/login'] = () => ({ status: 200, body: { accessToken: 'a', expiresIn: 900, user: USER, mustChangePassword: true }, headers: { 'set-cookie': 'knm_refresh=r' } });
    expect(await login(['-u', 'alice', '--password-stdin'], 's3cret')).toBe(ExitCode.Unreachable);
    expect(t.stderr.text).toMatch(/must be changed before it can be used/);
    expect(t.ctx.store.read()).toEqual({});
  });

  it('an API token is checked with /auth/me and stored; a refused one exits 3 and is not stored', async () => {
    expect(await login(['--token-stdin'], 'knm_bad')).toBe(ExitCode.Unreachable);
    expect(t.ctx.store.read()).toEqual({});
    expect(await login(['--token-stdin'], 'knm_good\n')).toBe(ExitCode.Ok);
    expect(t.stdout.text).toBe(`Logged in to ${server.url} as alice (API token)\n`);
    expect(t.ctx.store.read().auth).toEqual({ type: 'token', server: server.url, token: 'knm_good', username: 'alice' });
  });

  it('a server without authentication (404 on /auth/login) says so, exit 3; a token is still stored for it', async () => {
    delete server.routes['POST /api/v1/auth/login'];
    delete server.routes['GET /api/v1/auth/me'];
    expect(await login(['-u', 'alice', '--password-stdin'], 's3cret')).toBe(ExitCode.Unreachable);
    expect(t.stderr.text).toMatch(/has no login endpoint \(404\): it runs without authentication/);
    expect(await login(['--token', 'knm_x'], '')).toBe(ExitCode.Ok);
    expect(t.stdout.text).toMatch(/runs without authentication and does not check it yet/);
  });

  it('stored credentials are never sent to another server; KNM_TOKEN overrides them', async () => {
    await login(['--token-stdin'], 'knm_good');
    const other = await new FakeHttpServer({ [`GET ${ApiRoutes.clusters()}`]: () => ({ status: 200, body: [] }) }).start();
    try {
      expect(await runCli(['--server', other.url, 'clusters', 'ls'], t.ctx)).toBe(ExitCode.Ok);
      expect(other.requests[0].headers.authorization).toBeUndefined();
      expect(await runCli(['--server', other.url, 'clusters', 'ls'], { ...t.ctx, env: { KNM_TOKEN: 'knm_env' } })).toBe(ExitCode.Ok);
      expect(other.requests[1].headers.authorization).toBe('Bearer knm_env');
    } finally {
      await other.stop();
    }
  });

  it('logout revokes the session with its cookies and forgets it', async () => {
    await login(['-u', 'alice', '--password-stdin'], 's3cret');
    expect(await runCli(['logout'], t.ctx)).toBe(ExitCode.Ok);
    expect(server.to('POST', '/api/v1/auth/logout')[0].headers).toMatchObject({ cookie: 'knm_refresh=refresh-1; knm_csrf=csrf-1', 'x-knm-csrf': 'csrf-1' });
    expect(t.ctx.store.read()).toEqual({ server: server.url });
  });

  it('the stored config never prints a secret (config view)', async () => {
    await login(['-u', 'alice', '--password-stdin'], 's3cret');
    expect(await runCli(['config', 'view'], t.ctx)).toBe(ExitCode.Ok);
    expect(t.stdout.text).not.toMatch(/access-1|refresh-1|csrf-1/);
    expect(t.stdout.text).toMatch(/REDACTED/);
  });
});
