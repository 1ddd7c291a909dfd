import { spawn } from 'node:child_process';
import { z } from 'zod';
import { ErrorCode } from '@knm/contracts';
import { DomainError } from '@knm/common';
import type { ExecPlugin, SafeCluster } from './kubeconfig-sanitizer';

/** Most bytes an exec plugin may print on stdout (an ExecCredential with a client certificate is a few KB). */
export const EXEC_MAX_STDOUT_BYTES = 256 * 1024;
/** Most bytes an exec plugin may print on stderr; they are counted and discarded, never shown or logged. */
export const EXEC_MAX_STDERR_BYTES = 64 * 1024;

/**
 * 422 CLUSTER_CREDENTIALS_FAILED: the exec plugin failed, timed out, printed too much or no
 * usable ExecCredential. The message names the command and what happened; the plugin's own
 * output never appears in it (it could be a file's contents).
 */
export class ExecCredentialError extends DomainError {
  constructor(command: string, problem: string) {
    super(ErrorCode.ClusterCredentialsFailed, `exec credential plugin ${command} ${problem} (its output is not shown)`, { command, problem });
  }
}

/** What an exec plugin gave: a bearer token and/or a client certificate (PEM), and when it expires. */
export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Epoch ms of `status.expirationTimestamp`; null = no expiry given (kept until the server answers 401). */
  expiresAt: number | null;
}

export interface ExecRunOptions {
  /** Deadline, ms; the plugin's whole process group is killed when it passes. */
  timeoutMs: number;
  /** Aborts like the deadline (the connection test's deadline). */
  signal?: AbortSignal;
  /** The cluster, passed in KUBERNETES_EXEC_INFO when the plugin asks for it (provideClusterInfo). */
  cluster: SafeCluster;
}

/** ExecCredential (client.authentication.k8s.io v1/v1beta1) as the plugin prints it. */
const execCredentialSchema = z.object({
  apiVersion: z.string(),
  kind: z.literal('ExecCredential'),
  status: z.object({
    token: z.string().min(1).optional(),
    clientCertificateData: z.string().min(1).optional(),
    clientKeyData: z.string().min(1).optional(),
    expirationTimestamp: z.iso.datetime({ offset: true }).optional(),
  }),
});

/** KUBERNETES_EXEC_INFO: the ExecCredential request of client-go's exec authenticator (non-interactive). */
function execInfo(plugin: ExecPlugin, cluster: SafeCluster): string {
  const clusterInfo = plugin.provideClusterInfo
    ? {
        cluster: {
          server: cluster.server,
          'certificate-authority-data': cluster.caData,
          'insecure-skip-tls-verify': cluster.skipTLSVerify,
          'tls-server-name': cluster.tlsServerName,
        },
      }
    : {};
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec: { interactive: false, ...clusterInfo } });
}

/** Reads the plugin's stdout as an ExecCredential. @throws ExecCredentialError. */
export function parseExecCredential(plugin: ExecPlugin, stdout: string): ExecCredential {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new ExecCredentialError(plugin.command, 'printed no ExecCredential JSON');
  }
  const parsed = execCredentialSchema.safeParse(json);
  if (!parsed.success) throw new ExecCredentialError(plugin.command, 'printed JSON that is not an ExecCredential with a status');
  if (parsed.data.apiVersion !== plugin.apiVersion) throw new ExecCredentialError(plugin.command, `answered ${parsed.data.apiVersion}, not ${plugin.apiVersion}`);
  const s = parsed.data.status;
  if (!s.token && !(s.clientCertificateData && s.clientKeyData)) {
    throw new ExecCredentialError(plugin.command, 'gave neither a token nor a client certificate and key');
  }
  return {
    token: s.token,
    clientCertificateData: s.clientCertificateData,
    clientKeyData: s.clientKeyData,
    expiresAt: s.expirationTimestamp ? Date.parse(s.expirationTimestamp) : null,
  };
}

/**
 * Runs an allowed exec credential plugin the way client-go's exec authenticator does, but
 * asynchronously and bounded: no shell (the command and its args go to execve as they are), cwd
 * `/`, an environment of only KUBERNETES_EXEC_INFO and the kubeconfig's own `env` entries, stdin
 * closed, its own process group (killed, grandchildren too, on the deadline, on abort and when
 * done), stdout capped at {@link EXEC_MAX_STDOUT_BYTES}, stderr counted and discarded.
 * @throws ExecCredentialError (422) naming the command and the problem, never its output.
 */
export function runExecPlugin(plugin: ExecPlugin, opts: ExecRunOptions): Promise<ExecCredential> {
  if (opts.signal?.aborted) return Promise.reject(new ExecCredentialError(plugin.command, 'was not started: the connection test ran out of time'));
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries([...plugin.env.map((e) => [e.name, e.value]), ['KUBERNETES_EXEC_INFO', execInfo(plugin, opts.cluster)]]);
    const child = spawn(plugin.command, plugin.args, { shell: false, env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], detached: true, windowsHide: true });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is gone already.
      }
    };
    const finish = (err: Error | null, credential?: ExecCredential) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      killGroup();
      if (err) reject(err);
      else resolve(credential!);
    };
    const fail = (problem: string) => finish(new ExecCredentialError(plugin.command, problem));
    const timer = setTimeout(() => fail(`did not finish within ${opts.timeoutMs} ms`), opts.timeoutMs);
    const onAbort = () => fail('was stopped: the connection test ran out of time');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      if (stdoutBytes > EXEC_MAX_STDOUT_BYTES) fail(`printed more than ${EXEC_MAX_STDOUT_BYTES} bytes`);
      else chunks.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderrBytes += d.length;
      if (stderrBytes > EXEC_MAX_STDERR_BYTES) fail(`wrote more than ${EXEC_MAX_STDERR_BYTES} bytes to stderr`);
    });
    child.on('error', (err: NodeJS.ErrnoException) => fail(`could not be started (${err.code ?? 'error'})`));
    child.on('close', (code, signal) => {
      if (code !== 0) return fail(signal ? `was killed by ${signal}` : `exited with code ${code}`);
      try {
        finish(null, parseExecCredential(plugin, Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        finish(err as Error);
      }
    });
  });
}
