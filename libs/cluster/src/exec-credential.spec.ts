import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@knm/contracts';
import { EXEC_MAX_STDOUT_BYTES, ExecCredentialError, runExecPlugin } from './exec-credential';
import type { ExecPlugin } from './kubeconfig-sanitizer';

const V1 = 'client.authentication.k8s.io/v1';
const cluster = { server: 'https://k8s.example.com', skipTLSVerify: false };
const credential = (token: string, extra = '') => `{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"${token}"${extra}}}`;

describe('runExecPlugin', () => {
  let dir: string;
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return path;
  };
  const plugin = (command: string, more: Partial<ExecPlugin> = {}): ExecPlugin => ({ command, args: [], env: [], apiVersion: V1, provideClusterInfo: false, ...more });
  const run = (p: ExecPlugin, timeoutMs = 5000, signal?: AbortSignal) => runExecPlugin(p, { timeoutMs, signal, cluster });

  async function failure(p: Promise<unknown>): Promise<ExecCredentialError> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(ExecCredentialError);
      expect((err as ExecCredentialError).code).toBe(ErrorCode.ClusterCredentialsFailed);
      return err as ExecCredentialError;
    }
    throw new Error('plugin succeeded');
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knm-exec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the token and expiry of a valid ExecCredential', async () => {
    const cmd = script('ok.sh', `printf '%s' '${credential('t0k3n', ',"expirationTimestamp":"2030-01-02T03:04:05Z"')}'`);
    await expect(run(plugin(cmd))).resolves.toEqual({ token: 't0k3n', expiresAt: Date.parse('2030-01-02T03:04:05Z') });
  });

  it('passes args without a shell: metacharacters stay literal and run nothing', async () => {
    const canary = join(dir, 'canary');
    const cmd = script('args.sh', `printf '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"%s"}}' "$1"`);
    const cred = await run(plugin(cmd, { args: [`$(touch ${canary});x`] }));
    expect(cred.token).toBe(`$(touch ${canary});x`);
    expect(existsSync(canary)).toBe(false);
  });

  it('gives the plugin only KUBERNETES_EXEC_INFO and the kubeconfig env, never the server environment', async () => {
    process.env.KNM_TEST_SECRET = 'server-secret';
    try {
      const out = join(dir, 'env.txt');
      const cmd = script('env.sh', `/usr/bin/env > ${out}; printf '%s' '${credential('t')}'`);
      await run(plugin(cmd, { env: [{ name: 'EXTRA', value: 'from-kubeconfig' }], provideClusterInfo: true }));
      const names = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split('=')[0]).filter((n) => n !== 'PWD');
      expect(names.sort()).toEqual(['EXTRA', 'KUBERNETES_EXEC_INFO']);
      const info = JSON.parse(/^KUBERNETES_EXEC_INFO=(.*)$/m.exec(readFileSync(out, 'utf8'))![1]);
      expect(info).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false, cluster: { server: cluster.server, 'insecure-skip-tls-verify': false } } });
    } finally {
      delete process.env.KNM_TEST_SECRET;
    }
  });

  it('kills a plugin (and the processes it started) that runs past the deadline', async () => {
    const pidFile = join(dir, 'child.pid');
    const cmd = script('slow.sh', `/bin/sleep 30 & echo $! > ${pidFile}; wait`);
    const err = await failure(run(plugin(cmd), 300));
    expect(err.message).toMatch(/did not finish within 300 ms/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Gone, or a zombie waiting for a reaper (state Z in /proc/<pid>/stat): either way no longer running.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive()).toBe(false);
  });

  it('stops a plugin when the signal aborts', async () => {
    const cmd = script('slow2.sh', '/bin/sleep 30');
    const err = await failure(run(plugin(cmd), 10_000, AbortSignal.timeout(200)));
    expect(err.message).toMatch(/ran out of time/);
  });

  it('refuses output over the cap', async () => {
    const cmd = script('big.sh', `/usr/bin/head -c ${EXEC_MAX_STDOUT_BYTES + 10} /dev/zero`);
    expect((await failure(run(plugin(cmd)))).message).toMatch(`printed more than ${EXEC_MAX_STDOUT_BYTES} bytes`);
  });

  it('never shows what the plugin printed, on stdout or stderr', async () => {
    const cmd = script('leak.sh', `echo "SECRET-ON-STDERR" >&2; echo "SECRET-ON-STDOUT"; exit 3`);
    const err = await failure(run(plugin(cmd)));
    expect(err.message).toMatch(/exited with code 3 \(its output is not shown\)/);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toMatch(/SECRET/);
    const bad = await failure(run(plugin(script('nojson.sh', 'echo SECRET-NOT-JSON'))));
    expect(bad.message).toMatch(/printed no ExecCredential JSON/);
    expect(bad.message).not.toMatch(/SECRET/);
  });

  it.each([
    ['a wrong kind', `{"apiVersion":"${V1}","kind":"Secret","status":{"token":"t"}}`, /not an ExecCredential/],
    ['another apiVersion', credential('t').replace(V1, 'client.authentication.k8s.io/v1beta1'), /answered .*v1beta1/],
    ['no token and no certificate', `{"apiVersion":"${V1}","kind":"ExecCredential","status":{}}`, /neither a token/],
  ])('refuses an ExecCredential with %s', async (_what, json, rule) => {
    const cmd = script('x.sh', `printf '%s' '${json}'`);
    expect((await failure(run(plugin(cmd)))).message).toMatch(rule);
  });

  it('names a command that cannot be started', async () => {
    expect((await failure(run(plugin(join(dir, 'missing'))))).message).toMatch(/could not be started \(ENOENT\)/);
  });
});
