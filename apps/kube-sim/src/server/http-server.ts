import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonValue } from '../api/types';
import { ApiError, badRequest, internalError } from '../api/status';
import { apiGroups, apiResourceList, coreApiVersions, versionInfo } from '../api/discovery';
import type { ResourceDefinition } from '../store/resource-definition';
import type { FaultInjector } from '../faults/faults';
import type { SimStats } from './stats';
import { parseResourceRequest } from './request-info';
import { handleResourceRequest, type ApiResponse, type ResourceApiContext } from './resource-api';
import { decodeDeleteOptions, PROTOBUF_CONTENT_TYPE } from './protobuf';

/** Handles `/sim/...` control requests; returns undefined for an unknown path (404). */
export type ControlHandler = (method: string, path: string[], query: URLSearchParams, body: JsonValue | undefined) => ApiResponse | undefined;

/** Everything the HTTP layer dispatches to. */
export interface HttpContext {
  resources: readonly ResourceDefinition[];
  api: ResourceApiContext;
  faults: FaultInjector;
  stats: SimStats;
  control: ControlHandler;
  /** `host:port` for /api's serverAddressByClientCIDRs. */
  serverAddress(): string;
  /** Served at /version. */
  kubernetesVersion: string;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * The Node `http` request listener: `/sim/*` control API (no faults applied), discovery and
 * health endpoints, and resource requests (faults applied first). Every failure is answered with
 * a meta/v1 Status of the matching code; unknown paths are 404 NotFound like the apiserver's.
 */
export function createRequestListener(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      const e = err instanceof ApiError ? err : internalError(err instanceof Error ? err.message : String(err));
      if (!res.headersSent) send(res, { status: e.code, body: JSON.stringify(e.toStatus()), headers: e.headers });
      else res.destroy();
    });
  };
}

async function handle(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const body = await readBody(req);
  if (path === '/sim' || path.startsWith('/sim/')) {
    const out = ctx.control(method, path.split('/').slice(2).map(decodeURIComponent), url.searchParams, body);
    send(res, out ?? { status: 404, body: JSON.stringify({ message: `no control endpoint ${method} ${path}` }) });
    return;
  }
  const rr = parseResourceRequest(method, path, url.searchParams.get('watch'), ctx.resources);
  const verb = rr?.verb ?? method.toLowerCase();
  const resource = rr ? (rr.subresource ? `${rr.def.resource}/${rr.subresource}` : rr.def.resource) : 'nonresource';
  let code = 200;
  try {
    const fault = await ctx.faults.admit();
    if (fault) throw fault;
    if (!rr) {
      send(res, nonResource(ctx, path));
      code = res.statusCode;
      return;
    }
    const out = handleResourceRequest(ctx.api, rr, url.searchParams, req.headers.accept ?? '', req.headers['content-type'] ?? '', body, res);
    if (out !== 'streaming') {
      send(res, out);
      code = out.status;
    }
  } catch (err) {
    code = err instanceof ApiError ? err.code : 500;
    throw err;
  } finally {
    ctx.stats.record(verb, resource, code);
  }
}

function nonResource(ctx: HttpContext, path: string): ApiResponse {
  const ok = (value: unknown): ApiResponse => ({ status: 200, body: JSON.stringify(value) });
  if (path === '/version') return ok(versionInfo(ctx.kubernetesVersion));
  if (path === '/api') return ok(coreApiVersions(ctx.serverAddress()));
  if (path === '/api/v1') return ok(apiResourceList(ctx.resources, '', 'v1'));
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'apis') {
    const value = parts.length === 1 ? apiGroups(ctx.resources) : parts.length === 2 ? apiGroups(ctx.resources, parts[1]) : parts.length === 3 ? apiResourceList(ctx.resources, parts[1], parts[2]) : undefined;
    if (value) return ok(value);
  }
  const status = new ApiError(404, 'NotFound', 'the server could not find the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] });
  return { status: 404, body: JSON.stringify(status.toStatus()) };
}

function send(res: ServerResponse, out: ApiResponse): void {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...(out.headers ?? {}) };
  res.writeHead(out.status, { ...headers, 'Content-Length': Buffer.byteLength(out.body) });
  res.end(out.body);
}

/**
 * Reads a JSON body, or a protobuf DeleteOptions with DELETE (kubectl's clientset sends those);
 * any other protobuf body is 415 (the simulator speaks JSON otherwise).
 */
async function readBody(req: IncomingMessage): Promise<JsonValue | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  if ((req.headers['content-type'] ?? '').split(';')[0].trim() === PROTOBUF_CONTENT_TYPE) {
    if (req.method === 'DELETE') return decodeDeleteOptions(Buffer.concat(chunks));
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json (kube-sim decodes protobuf only for DeleteOptions)`);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as JsonValue;
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
