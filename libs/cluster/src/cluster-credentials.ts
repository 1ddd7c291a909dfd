import type { Clock } from '@knm/common';
import { ExecCredential, runExecPlugin } from './exec-credential';
import type { SafeCluster, SafeUser } from './kubeconfig-sanitizer';

/** Time one exec plugin run may take outside a connection test (informer, tasks), ms. */
export const EXEC_TIMEOUT_MS = 4_000;
/** An exec credential is renewed this long before its expirationTimestamp, ms (client-go renews at expiry; a margin avoids a 401 on the way). */
export const EXEC_RENEW_BEFORE_MS = 10_000;

/** What one request carries: headers and TLS client material. */
export interface RequestCredentials {
  /** `Authorization` header value, if any. */
  authorization?: string;
  /** `Impersonate-User` header value, if any. */
  impersonate?: string;
  /** Client certificate and key (PEM), if any. */
  cert?: Buffer;
  key?: Buffer;
}

/** Runs a plugin; injectable so unit tests need no processes. */
export type ExecRunner = typeof runExecPlugin;

/**
 * The credentials of one cluster's user. Static ones (token, basic auth, inline client
 * certificate) are fixed; an exec plugin's are obtained with {@link runExecPlugin} (never
 * client-node's synchronous, cache-forever exec path), cached until shortly before their
 * `expirationTimestamp`, or without one until {@link invalidate} (a 401), one run at a time.
 */
export class ClusterCredentials {
  private cached: { credential: ExecCredential; request: RequestCredentials } | null = null;
  private inflight: Promise<RequestCredentials> | null = null;

  constructor(
    private readonly user: SafeUser | null,
    private readonly cluster: SafeCluster,
    private readonly clock: Clock,
    private readonly run: ExecRunner = runExecPlugin,
  ) {}

  /** True when requests need an exec plugin run first. */
  get usesExec(): boolean {
    return this.user?.exec !== undefined;
  }

  /**
   * The credentials for the next request. Runs the exec plugin when there is no valid cached
   * credential, within `timeoutMs` and `signal`. @throws ExecCredentialError (422).
   */
  async current(signal?: AbortSignal, timeoutMs = EXEC_TIMEOUT_MS): Promise<RequestCredentials> {
    const u = this.user;
    if (!u) return {};
    const fixed: RequestCredentials = {
      authorization: u.token ? `Bearer ${u.token}` : u.username !== undefined ? `Basic ${Buffer.from(`${u.username}:${u.password ?? ''}`).toString('base64')}` : undefined,
      impersonate: u.impersonate,
      cert: u.certData ? Buffer.from(u.certData, 'base64') : undefined,
      key: u.keyData ? Buffer.from(u.keyData, 'base64') : undefined,
    };
    if (!u.exec) return fixed;
    if (this.cached && !this.expired(this.cached.credential)) return this.cached.request;
    this.inflight ??= this.refresh(fixed, signal, timeoutMs).finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** Forgets a cached exec credential (the server answered 401). */
  invalidate(): void {
    this.cached = null;
  }

  private expired(c: ExecCredential): boolean {
    return c.expiresAt !== null && this.clock.now() >= c.expiresAt - EXEC_RENEW_BEFORE_MS;
  }

  private async refresh(fixed: RequestCredentials, signal: AbortSignal | undefined, timeoutMs: number): Promise<RequestCredentials> {
    const credential = await this.run(this.user!.exec!, { timeoutMs, signal, cluster: this.cluster });
    const request: RequestCredentials = {
      ...fixed,
      authorization: credential.token ? `Bearer ${credential.token}` : fixed.authorization,
      cert: credential.clientCertificateData ? Buffer.from(credential.clientCertificateData) : fixed.cert,
      key: credential.clientKeyData ? Buffer.from(credential.clientKeyData) : fixed.key,
    };
    this.cached = { credential, request };
    return request;
  }
}
