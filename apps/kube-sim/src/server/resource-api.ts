import type { ServerResponse } from 'node:http';
import type { JsonValue, KubeObject } from '../api/types';
import { badRequest, methodNotAllowed, unsupportedMediaType } from '../api/status';
import type { DeleteOptions, PatchType, ResourceRegistry } from '../api/registry';
import { compileFilter, listPage, renderList } from '../api/collection';
import { renderTable, wantsTable, type TableConvertor } from '../api/table';
import type { ResourceVersionClock } from '../store/object-store';
import type { ResourceDefinition } from '../store/resource-definition';
import { serveWatch } from '../watch/watch-stream';
import type { ResourceRequest } from './request-info';

/** A finished (non-streaming) answer. `body` is JSON text. */
export interface ApiResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Handles a subresource POST such as `pods/eviction` (query: the request's parameters, e.g. dryRun). */
export type SubresourceHandler = (req: ResourceRequest, body: JsonValue, query: URLSearchParams) => ApiResponse;

/** What the resource API needs from the simulator. */
export interface ResourceApiContext {
  registries: ReadonlyMap<ResourceDefinition, ResourceRegistry<KubeObject>>;
  clock: ResourceVersionClock;
  tables: ReadonlyMap<ResourceDefinition, TableConvertor>;
  /** Keyed `resource/subresource`, e.g. `pods/eviction`. */
  subresources: ReadonlyMap<string, SubresourceHandler>;
  /** True when a fault forces this watch to get 410. */
  takeForcedGone(): boolean;
  bookmarkIntervalMs: number;
  now(): Date;
}

const PATCH_TYPES: readonly PatchType[] = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

const json = (status: number, value: unknown): ApiResponse => ({ status, body: JSON.stringify(value) });

/**
 * Serves one decoded resource request. Returns the answer, or 'streaming' when a watch took over
 * the response. Throws ApiError for every failure (the HTTP layer renders the Status).
 */
export function handleResourceRequest(ctx: ResourceApiContext, rr: ResourceRequest, query: URLSearchParams, accept: string, contentType: string, body: JsonValue | undefined, res: ServerResponse): ApiResponse | 'streaming' {
  const registry = ctx.registries.get(rr.def) as ResourceRegistry<KubeObject>;
  const dryRun = query.getAll('dryRun').includes('All');
  if (rr.subresource && !['status'].includes(rr.subresource)) {
    const handler = ctx.subresources.get(`${rr.def.resource}/${rr.subresource}`);
    if (!handler || rr.verb !== 'create') throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    return handler(rr, body ?? null, query);
  }
  const ns = rr.def.namespaced ? rr.namespace : undefined;
  switch (rr.verb) {
    case 'list':
    case 'watch': {
      const filter = compileFilter(rr.def, query.get('labelSelector'), query.get('fieldSelector'));
      if (rr.verb === 'watch') {
        const timeout = query.get('timeoutSeconds');
        serveWatch(
          registry.store,
          {
            namespace: ns,
            filter,
            resourceVersion: query.get('resourceVersion') ?? undefined,
            allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
            sendInitialEvents: query.get('sendInitialEvents') === 'true',
            timeoutSeconds: timeout ? Number(timeout) : undefined,
            forceGone: ctx.takeForcedGone(),
            bookmarkIntervalMs: ctx.bookmarkIntervalMs,
            currentRv: () => ctx.clock.current,
          },
          res,
        );
        return 'streaming';
      }
      const page = listPage(registry.store, ns, filter, query.get('limit'), query.get('continue'), ctx.clock.current);
      const table = ctx.tables.get(rr.def);
      if (table && wantsTable(accept)) return json(200, renderTable(table, page, query.get('includeObject'), ctx.now()));
      return { status: 200, body: renderList(rr.def, page) };
    }
    case 'get': {
      const obj = registry.get(ns, rr.name as string);
      const table = ctx.tables.get(rr.def);
      if (table && wantsTable(accept)) {
        const entry = registry.store.entry(ns, rr.name as string);
        return json(200, renderTable(table, { entries: entry ? [entry] : [], resourceVersion: obj.metadata.resourceVersion }, query.get('includeObject'), ctx.now()));
      }
      return { status: 200, body: registry.store.entry(ns, rr.name as string)?.json ?? JSON.stringify(obj) };
    }
    case 'create':
      if (rr.name) throw methodNotAllowed('the server does not allow this method on the requested resource');
      return json(201, registry.create(ns, requireBody(body), dryRun));
    case 'update':
      return json(200, registry.update(ns, rr.name as string, requireBody(body), rr.subresource, dryRun));
    case 'patch': {
      const type = contentType.split(';')[0].trim() as PatchType;
      if (!PATCH_TYPES.includes(type)) throw unsupportedMediaType(contentType);
      return json(200, registry.patch(ns, rr.name as string, type, requireBody(body), rr.subresource, dryRun));
    }
    case 'delete': {
      const deleted = registry.delete(ns, rr.name as string, deleteOptions(query, body, dryRun));
      if (deleted.metadata.deletionTimestamp || rr.def.resource === 'pods') return json(200, deleted);
      return json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: deleted.metadata.name, group: rr.def.group || undefined, kind: rr.def.resource, uid: deleted.metadata.uid } });
    }
    default:
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

function requireBody(body: JsonValue | undefined): JsonValue {
  if (body === undefined) throw badRequest('the request body is empty');
  return body;
}

function deleteOptions(query: URLSearchParams, body: JsonValue | undefined, dryRun: boolean): DeleteOptions {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const grace = query.get('gracePeriodSeconds') ?? (typeof b.gracePeriodSeconds === 'number' ? String(b.gracePeriodSeconds) : null);
  const pre = b.preconditions && typeof b.preconditions === 'object' && !Array.isArray(b.preconditions) ? b.preconditions : undefined;
  const dry = dryRun || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  return {
    gracePeriodSeconds: grace === null ? undefined : Number(grace),
    preconditions: pre ? { uid: typeof pre.uid === 'string' ? pre.uid : undefined, resourceVersion: typeof pre.resourceVersion === 'string' ? pre.resourceVersion : undefined } : undefined,
    dryRun: dry,
  };
}
