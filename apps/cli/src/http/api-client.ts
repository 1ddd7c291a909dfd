import { REQUEST_ID_HEADER } from '@knm/contracts';
import { CliError, ExitCode } from '../exit-codes';
import { apiFailure, ApiRequestError } from './api-error';

/** Supplies the Authorization header and recovers from a 401 when it can (refresh). */
export interface Credentials {
  /** `Bearer ...`, or undefined to send none (the API without authentication). */
  authorization(): Promise<string | undefined>;
  /** Called once after a 401; true when new credentials were obtained and the request should be retried. */
  renewAfterUnauthorized(): Promise<boolean>;
  /** How to get valid credentials, for the 401 message. */
  readonly loginHint: string;
}

export const NO_CREDENTIALS: Credentials = {
  authorization: async () => undefined,
  renewAfterUnauthorized: async () => false,
  loginHint: 'log in with knm login',
};

export type QueryValue = string | number | boolean | undefined;

/** A raw answer: status, parsed JSON (or text) body, headers. */
export interface RawResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type FetchFn = typeof fetch;

const REQUEST_TIMEOUT_MS = 30_000;

/** Builds `path?query` from defined values only. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Turns a fetch failure into exit 3 with what went wrong (refused, DNS, TLS, timeout). */
export function unreachable(server: string, err: unknown): CliError {
  if (err instanceof CliError) return err;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return new CliError(`the server at ${server} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`, ExitCode.Unreachable);
  const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new CliError(`cannot reach the server at ${server}: ${why}`, ExitCode.Unreachable);
}

/**
 * JSON client for the knm API. Errors: a refused request throws ApiRequestError (exit code by
 * status), a network failure or timeout (30 s) throws CliError exit 3. A 401 is retried once when
 * the credentials could be renewed.
 */
export class ApiClient {
  constructor(
    readonly server: string,
    readonly credentials: Credentials = NO_CREDENTIALS,
    private readonly fetchFn: FetchFn = fetch,
  ) {}

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async delete(path: string): Promise<void> {
    await this.request<unknown>('DELETE', path);
  }

  /** Sends and maps errors; returns the parsed body. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res = await this.send(method, path, body);
    if (res.status === 401 && (await this.credentials.renewAfterUnauthorized())) res = await this.send(method, path, body);
    if (res.status >= 400) throw this.failure(res);
    return res.body as T;
  }

  /** A streamed GET (exports): the Response on 2xx, errors mapped as for request(). No timeout. */
  async stream(path: string): Promise<Response> {
    const open = async () => this.fetch(path, { method: 'GET', headers: await this.headers() }, false);
    let res = await open();
    if (res.status === 401 && (await this.credentials.renewAfterUnauthorized())) res = await open();
    if (res.ok) return res;
    throw this.failure({ status: res.status, body: await readBody(res), headers: res.headers });
  }

  /** Sends without mapping HTTP errors (login, refresh, logout read Set-Cookie and statuses themselves). */
  async send<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<RawResponse<T>> {
    const headers = { ...(await this.headers()), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extraHeaders };
    const res = await this.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, true);
    try {
      return { status: res.status, body: (await readBody(res)) as T, headers: res.headers };
    } catch (err) {
      throw unreachable(this.server, err);
    }
  }

  /** The ApiRequestError for an answer (401 gets the login hint). */
  failure(res: RawResponse): ApiRequestError {
    const failure = apiFailure(res.status, res.body, res.headers.get(REQUEST_ID_HEADER));
    return new ApiRequestError(failure, res.status === 401 ? this.credentials.loginHint : undefined);
  }

  private async headers(): Promise<Record<string, string>> {
    const auth = await this.credentials.authorization();
    return { accept: 'application/json', 'user-agent': 'knm-cli', ...(auth ? { authorization: auth } : {}) };
  }

  private async fetch(path: string, init: RequestInit, timeout: boolean): Promise<Response> {
    try {
      return await this.fetchFn(this.server + path, { ...init, redirect: 'error', ...(timeout ? { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } : {}) });
    } catch (err) {
      throw unreachable(this.server, err);
    }
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
