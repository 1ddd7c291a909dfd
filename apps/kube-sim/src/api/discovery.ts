import type { ResourceDefinition } from '../store/resource-definition';

/** The Kubernetes version the simulator reports by default (kubectl's version skew checks read it). */
export const DEFAULT_KUBERNETES_VERSION = 'v1.32.4';

/**
 * Parses `vMAJOR.MINOR.PATCH` (e.g. `v1.31.6`).
 * @throws Error for anything else.
 */
export function parseKubernetesVersion(version: string): { major: number; minor: number; patch: number } {
  const m = /^v(\d{1,2})\.(\d{1,3})\.(\d{1,3})$/.exec(version);
  if (!m) throw new Error(`kubernetesVersion must look like v1.32.4, got ${version}`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** `GET /version` (version.Info) for `version` (`vMAJOR.MINOR.PATCH`). */
export function versionInfo(version = DEFAULT_KUBERNETES_VERSION): Record<string, string> {
  const v = parseKubernetesVersion(version);
  return {
    major: String(v.major),
    minor: String(v.minor),
    gitVersion: version,
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:02:27Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api` (meta/v1 APIVersions). */
export function coreApiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupsOf(resources: readonly ResourceDefinition[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.group) continue;
    const versions = groups.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    groups.set(r.group, versions);
  }
  return groups;
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  const list = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** `GET /apis` (meta/v1 APIGroupList), or `GET /apis/<group>` (APIGroup) when `group` is given; undefined = 404. */
export function apiGroups(resources: readonly ResourceDefinition[], group?: string): Record<string, unknown> | undefined {
  const groups = groupsOf(resources);
  if (group !== undefined) {
    const versions = groups.get(group);
    return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) } : undefined;
  }
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].map(([name, versions]) => apiGroup(name, versions)) };
}

/**
 * `GET /api/v1` or `/apis/<group>/<version>` (meta/v1 APIResourceList), with subresources as
 * separate entries like the apiserver lists them (`nodes/status`, and `pods/eviction` of kind
 * policy/v1 Eviction, which kubectl drain's CheckEvictionSupport looks for). Undefined = 404.
 */
export function apiResourceList(resources: readonly ResourceDefinition[], group: string, version: string): Record<string, unknown> | undefined {
  const served = resources.filter((r) => r.group === group && r.version === version);
  if (served.length === 0) return undefined;
  const list: Record<string, unknown>[] = [];
  for (const r of served) {
    const entry: Record<string, unknown> = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames.length) entry.shortNames = r.shortNames;
    if (r.categories) entry.categories = r.categories;
    list.push(entry);
    for (const sub of r.subresources) list.push(subresourceEntry(r, sub));
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: list };
}

function subresourceEntry(r: ResourceDefinition, sub: string): Record<string, unknown> {
  const base = { name: `${r.resource}/${sub}`, singularName: r.singular, namespaced: r.namespaced };
  if (sub === 'eviction') return { ...base, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
  if (sub === 'scale') return { ...base, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
  return { ...base, kind: r.kind, verbs: ['get', 'patch', 'update'] };
}
