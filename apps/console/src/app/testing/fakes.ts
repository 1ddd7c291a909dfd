import { signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import type { NodeChangedEvent, SubscribeAck, TaskResponse } from '@knm/contracts';
import { Subject, type Observable } from 'rxjs';
import { toApiError } from '../core/api/api-error';
import type { QueryParams } from '../core/api/api-client.service';
import type { ClusterStreamMessage, ConnectionState, TaskStreamMessage } from '../core/realtime/realtime.types';

/**
 * Fakes at the console's I/O boundaries (HTTP through ApiClient, the socket through
 * RealtimeService) for unit tests of stores and pages.
 */

type Handler = (url: string, query?: QueryParams, body?: unknown) => unknown;

/** ApiClient fake: answers by URL with `routes[url]` (a value, or a function), records every call. */
export class FakeApi {
  readonly calls: { method: 'GET' | 'POST' | 'DELETE'; url: string; query?: QueryParams; body?: unknown }[] = [];
  readonly routes = new Map<string, Handler>();

  on(url: string, answer: unknown | Handler): this {
    this.routes.set(url, typeof answer === 'function' ? (answer as Handler) : () => answer);
    return this;
  }

  /** Answers `url` with an API error of `status` and `code`. */
  fail(url: string, status: number, code: string): this {
    return this.on(url, () => {
      throw toApiError(new HttpErrorResponse({ status, error: { code, message: `${code} (fake)` } }));
    });
  }

  get<T>(url: string, query?: QueryParams): Promise<T> {
    return this.answer('GET', url, query);
  }

  post<T>(url: string, body: unknown = {}): Promise<T> {
    return this.answer('POST', url, undefined, body);
  }

  delete<T>(url: string): Promise<T> {
    return this.answer('DELETE', url);
  }

  count(method: 'GET' | 'POST' | 'DELETE', url: string): number {
    return this.calls.filter((c) => c.method === method && c.url === url).length;
  }

  private async answer<T>(method: 'GET' | 'POST' | 'DELETE', url: string, query?: QueryParams, body?: unknown): Promise<T> {
    this.calls.push({ method, url, query, body });
    const handler = this.routes.get(url);
    if (!handler) throw toApiError(new HttpErrorResponse({ status: 404, error: { code: 'NOT_FOUND', message: `no fake for ${url}` } }));
    return handler(url, query, body) as T;
  }
}

/** RealtimeService fake: the test drives the connection state and the cluster/task streams. */
export class FakeRealtime {
  readonly state = signal<ConnectionState>('connected');
  readonly clusters = new Map<string, Subject<ClusterStreamMessage>>();
  readonly tasks = new Map<string, Subject<TaskStreamMessage>>();

  watchCluster(cluster: string): Observable<ClusterStreamMessage> {
    return this.cluster(cluster).asObservable();
  }

  watchTask(taskId: string): Observable<TaskStreamMessage> {
    let s = this.tasks.get(taskId);
    if (!s) this.tasks.set(taskId, (s = new Subject()));
    return s.asObservable();
  }

  connect(): void {
    // The fake is always as connected as `state` says.
  }

  /** The server acknowledged `cluster:subscribe`. */
  ack(cluster: string, ack: SubscribeAck = { ok: true }): void {
    this.cluster(cluster).next({ kind: 'subscribed', ack });
  }

  nodeChanged(event: NodeChangedEvent): void {
    this.cluster(event.cluster).next({ kind: 'node', event });
  }

  /** The socket dropped. */
  drop(): void {
    this.state.set('disconnected');
    for (const s of this.clusters.values()) s.next({ kind: 'disconnected' });
  }

  private cluster(name: string): Subject<ClusterStreamMessage> {
    let s = this.clusters.get(name);
    if (!s) this.clusters.set(name, (s = new Subject()));
    return s;
  }
}

/** Lets pending promise callbacks run. */
export const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Polls `condition` until it holds or `timeoutMs` passes (then throws); for UI that settles after an animation. */
export async function waitUntil(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A running cordon task on two nodes, as `GET tasks/:id` answers it. */
export const runningTask = (id: string): TaskResponse =>
  ({
    id, cluster: 'c1', kind: 'cordon', params: { reason: 'kernel' }, selector: null, dryRun: false, status: 'running',
    counts: { total: 2, pending: 1, running: 1, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 },
    createdBy: 'alice', createdAt: '2026-11-21T10:00:00Z', startedAt: '2026-11-21T10:00:01Z', finishedAt: null, retryOf: null,
    nodes: [{ node: 'n1', status: 'running', attempts: 1, error: null, before: null, after: null }],
  }) as unknown as TaskResponse;
