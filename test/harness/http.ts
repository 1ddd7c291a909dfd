/** Minimal JSON client for tests: never throws on HTTP status, returns it with the parsed body. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Bound helpers for one API base URL. */
export function apiClient(baseUrl: string) {
  return {
    get: <T = unknown>(path: string) => request<T>(baseUrl, 'GET', path),
    post: <T = unknown>(path: string, body?: unknown) => request<T>(baseUrl, 'POST', path, body ?? {}),
    put: <T = unknown>(path: string, body?: unknown) => request<T>(baseUrl, 'PUT', path, body ?? {}),
    delete: <T = unknown>(path: string) => request<T>(baseUrl, 'DELETE', path),
  };
}

/**
 * Polls `probe` until it returns a value that is not undefined/false, or throws after `timeoutMs`
 * with `what` and the last value seen. Use instead of sleeps.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last instanceof Error ? last.message : JSON.stringify(last))}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
