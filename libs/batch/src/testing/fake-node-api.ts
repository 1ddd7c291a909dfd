import { ApiException, V1Node } from '@kubernetes/client-node';
import type { NodeApi } from '../node-api';

type Json = Record<string, unknown>;

/** RFC 7386 JSON merge patch (null deletes, objects merge, everything else replaces). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Json = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Json) } : {};
  for (const [k, v] of Object.entries(patch as Json)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

const statusBody = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', code, reason, message });

/**
 * In-memory stand-in for the Kubernetes node endpoints (unit tests only): merge patches with
 * resourceVersion preconditions (409 on mismatch), 404 for unknown nodes, server-side dry run,
 * scripted failures and a hook that runs between a read and the next patch (a concurrent writer).
 */
export class FakeNodeApi implements NodeApi {
  private readonly nodes = new Map<string, V1Node>();
  private rv = 1;
  /** Errors thrown by the next calls, in order (any call). */
  readonly failures: unknown[] = [];
  /** Runs before every patch is applied (after the failure queue). */
  beforePatch: ((name: string) => void) | null = null;
  readonly calls: { op: 'read' | 'patch'; name: string; patch?: object; dryRun?: boolean }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Resolves each call after this promise factory (to hold calls open in concurrency tests). */
  gate: (() => Promise<void>) | null = null;

  addNode(name: string, spec: V1Node['spec'] = {}, labels: Record<string, string> = {}): void {
    this.nodes.set(name, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels, annotations: {}, resourceVersion: String(this.rv++) }, spec });
  }

  node(name: string): V1Node | undefined {
    return this.nodes.get(name);
  }

  /** Deletes a node as another client would. */
  deleteNode(name: string): void {
    this.nodes.delete(name);
  }

  /** Changes a node as another writer would (new resourceVersion). */
  modify(name: string, mutate: (n: V1Node) => void): void {
    const n = structuredClone(this.nodes.get(name)!);
    mutate(n);
    n.metadata!.resourceVersion = String(this.rv++);
    this.nodes.set(name, n);
  }

  private async enter<T>(fn: () => T): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate();
      else await Promise.resolve();
      const failure = this.failures.shift();
      if (failure) throw failure;
      return fn();
    } finally {
      this.inFlight--;
    }
  }

  readNode(name: string): Promise<V1Node> {
    this.calls.push({ op: 'read', name });
    return this.enter(() => {
      const n = this.nodes.get(name);
      if (!n) throw new ApiException(404, 'not found', statusBody(404, 'NotFound', `nodes "${name}" not found`), {});
      return structuredClone(n);
    });
  }

  mergePatchNode(name: string, patch: object, dryRun: boolean): Promise<V1Node> {
    this.calls.push({ op: 'patch', name, patch, dryRun });
    return this.enter(() => {
      this.beforePatch?.(name);
      const n = this.nodes.get(name);
      if (!n) throw new ApiException(404, 'not found', statusBody(404, 'NotFound', `nodes "${name}" not found`), {});
      const wantRv = (patch as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
      if (wantRv && wantRv !== n.metadata!.resourceVersion) {
        throw new ApiException(409, 'conflict', statusBody(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again'), {});
      }
      const next = applyMergePatch(n, patch) as V1Node;
      next.metadata!.resourceVersion = dryRun ? n.metadata!.resourceVersion : String(this.rv++);
      if (!dryRun) this.nodes.set(name, next);
      return structuredClone(next);
    });
  }
}

/** A 429 with Retry-After (seconds), as the API server's priority and fairness answers. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiException(429, 'too many requests', statusBody(429, 'TooManyRequests', 'rate limited'), { 'retry-after': String(retryAfterSeconds) });

/** A 500 InternalError. */
export const internalError = () => new ApiException(500, 'internal', statusBody(500, 'InternalError', 'etcd timeout'), {});
