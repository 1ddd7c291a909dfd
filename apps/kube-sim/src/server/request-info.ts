import type { ResourceDefinition } from '../store/resource-definition';

/** A resource request decoded from its URL, as apiserver's RequestInfoFactory does. */
export interface ResourceRequest {
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  def: ResourceDefinition;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * Decodes `/api/v1/...` and `/apis/<group>/<version>/...` resource paths
 * (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). Returns undefined when the path names
 * no served resource (the caller answers 404). `namespaces/<ns>/<resource>` is namespaced;
 * `namespaces/<name>[/<subresource>]` is the namespace itself.
 */
export function parseResourceRequest(method: string, pathname: string, watchParam: string | null, resources: readonly ResourceDefinition[]): ResourceRequest | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1];
    rest = parts.slice(3);
    if (!resources.some((r) => r.group === group && r.version === parts[2])) return undefined;
  } else return undefined;
  const find = (resource: string | undefined): ResourceDefinition | undefined => resources.find((r) => r.group === group && r.resource === resource);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = find(rest[0]);
  if (!def || rest.length > 3) return undefined;
  const name = rest[1];
  const subresource = rest[2];
  if (subresource && !def.subresources.includes(subresource)) return undefined;
  return { verb: verbOf(method, name, watchParam), def, namespace, name, subresource };
}

function verbOf(method: string, name: string | undefined, watchParam: string | null): string {
  const watch = watchParam === 'true' || watchParam === '1';
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
