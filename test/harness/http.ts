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

export { waitFor } from './wait-for';
