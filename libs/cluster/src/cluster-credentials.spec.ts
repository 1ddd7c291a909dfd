import type { Clock } from '@knm/common';
import { ClusterCredentials, EXEC_RENEW_BEFORE_MS, ExecRunner } from './cluster-credentials';
import type { ExecCredential } from './exec-credential';
import type { SafeUser } from './kubeconfig-sanitizer';

const cluster = { server: 'https://k8s.example.com', skipTLSVerify: false };
const exec = { command: '/usr/local/bin/plugin', args: [], env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false };

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, monotonic: () => now, sleep: async () => undefined, advance: (ms: number) => (now += ms) } as unknown as Clock & { advance(ms: number): void };
}

/** A runner that hands out token-1, token-2, ... expiring `ttlMs` after the clock's now (null = no expiry). */
function fakeRunner(clock: Clock, ttlMs: number | null): ExecRunner & { runs: number } {
  const runner = (async () => {
    runner.runs++;
    const c: ExecCredential = { token: `token-${runner.runs}`, expiresAt: ttlMs === null ? null : clock.now() + ttlMs };
    return c;
  }) as unknown as ExecRunner & { runs: number };
  runner.runs = 0;
  return runner;
}

describe('ClusterCredentials', () => {
  it('gives static credentials without running anything', async () => {
    const user: SafeUser = { token: 't', impersonate: 'jane', certData: Buffer.from('C').toString('base64'), keyData: Buffer.from('K').toString('base64') };
    const creds = await new ClusterCredentials(user, cluster, fakeClock()).current();
    expect(creds).toEqual({ authorization: 'Bearer t', impersonate: 'jane', cert: Buffer.from('C'), key: Buffer.from('K') });
  });

  it('uses basic auth when the user has a username', async () => {
    const creds = await new ClusterCredentials({ username: 'a', password: 'b' }, cluster, fakeClock()).current();
    expect(creds.authorization).toBe(`Basic ${Buffer.from('a:b').toString('base64')}`);
  });

  it('runs the exec plugin once and reuses its token until shortly before it expires', async () => {
    const clock = fakeClock();
    const run = fakeRunner(clock, 60_000);
    const creds = new ClusterCredentials({ exec }, cluster, clock, run);
    expect((await creds.current()).authorization).toBe('Bearer token-1');
    clock.advance(60_000 - EXEC_RENEW_BEFORE_MS - 1);
    expect((await creds.current()).authorization).toBe('Bearer token-1');
    clock.advance(1);
    expect((await creds.current()).authorization).toBe('Bearer token-2');
    expect(run.runs).toBe(2);
  });

  it('keeps a credential without expiry until a 401 invalidates it', async () => {
    const clock = fakeClock();
    const run = fakeRunner(clock, null);
    const creds = new ClusterCredentials({ exec }, cluster, clock, run);
    await creds.current();
    clock.advance(24 * 3_600_000);
    expect((await creds.current()).authorization).toBe('Bearer token-1');
    creds.invalidate();
    expect((await creds.current()).authorization).toBe('Bearer token-2');
  });

  it('runs the plugin once for concurrent requests', async () => {
    const clock = fakeClock();
    const run = fakeRunner(clock, 60_000);
    const creds = new ClusterCredentials({ exec }, cluster, clock, run);
    await Promise.all([creds.current(), creds.current(), creds.current()]);
    expect(run.runs).toBe(1);
  });

  it('passes the deadline and signal to the plugin run', async () => {
    const seen: { timeoutMs: number; signal?: AbortSignal }[] = [];
    const run: ExecRunner = async (_p, opts) => {
      seen.push(opts);
      return { token: 't', expiresAt: null };
    };
    const signal = new AbortController().signal;
    await new ClusterCredentials({ exec }, cluster, fakeClock(), run).current(signal, 1234);
    expect(seen[0]).toMatchObject({ timeoutMs: 1234, signal });
  });
});
