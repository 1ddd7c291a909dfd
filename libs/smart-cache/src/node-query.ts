import {
  emptyJsonMap,
  LabelSelector,
  NODE_LIST_DEFAULT_LIMIT,
  NodeFacets,
  NodeListQuery,
  NodeListResponse,
  NodeSummary,
  TAINT_EFFECTS,
  TaintEffect,
  taintKeyViolations,
} from '@knm/contracts';
import { ValidationError } from '@knm/common';
import { parseNodeSelector } from './node-selector';
import { NODE_COMPARATORS, NodeStore } from './node-store';

/** Well-known zone label (k8s.io/api/core/v1 LabelTopologyZone). */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** Above this share of all nodes, walking the pre-sorted array beats sorting the index candidates. */
const CANDIDATE_SORT_RATIO = 0.25;

/** A compiled query: the selector and a predicate over the non-selector filters. */
interface CompiledQuery {
  selector: LabelSelector;
  predicate: (n: NodeSummary) => boolean;
}

/**
 * Parses the `taint` filter: `key` or `key:Effect` (Effect one of NoSchedule, PreferNoSchedule,
 * NoExecute; key rules as for label keys).
 * @throws ValidationError naming `taint` and the broken rule.
 */
export function parseTaintFilter(raw: string): { key: string; effect?: TaintEffect } {
  const colon = raw.lastIndexOf(':');
  const key = colon >= 0 ? raw.slice(0, colon) : raw;
  const effect = colon >= 0 ? raw.slice(colon + 1) : undefined;
  const problems = taintKeyViolations(key).map((p) => `taint key ${p}`);
  if (effect !== undefined && !(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    problems.push(`effect must be one of ${TAINT_EFFECTS.join(', ')}, got "${effect}"`);
  }
  if (problems.length) throw new ValidationError(problems.map((rule) => ({ field: 'taint', rule })));
  return { key, effect: effect as TaintEffect | undefined };
}

/**
 * Builds the filter of a node list query. `q` is a case-insensitive substring of the node name.
 * @throws InvalidSelectorError for a bad `selector`, ValidationError for a bad `taint`.
 */
export function compileNodeQuery(query: NodeListQuery): CompiledQuery {
  const selector = parseNodeSelector(query.selector ?? '');
  const taint = query.taint ? parseTaintFilter(query.taint) : undefined;
  const q = query.q?.toLowerCase();
  const tests: ((n: NodeSummary) => boolean)[] = [];
  if (selector.requirements.length) tests.push((n) => selector.matches(n.labels));
  if (q) tests.push((n) => n.name.toLowerCase().includes(q));
  if (query.readiness) tests.push((n) => n.readiness === query.readiness);
  if (query.cordoned !== undefined) tests.push((n) => n.unschedulable === query.cordoned);
  if (query.role) tests.push((n) => n.roles.includes(query.role!));
  if (taint) tests.push((n) => n.taints.some((t) => t.key === taint.key && (!taint.effect || t.effect === taint.effect)));
  return { selector, predicate: (n) => tests.every((t) => t(n)) };
}

/** Facet counts over `nodes`: readiness, cordoned, roles, zones (topology.kubernetes.io/zone), kubelet versions. */
export function computeFacets(nodes: readonly NodeSummary[]): NodeFacets {
  // Maps without a prototype: a zone or role named `constructor` is counted like any other.
  const facets: NodeFacets = {
    readiness: { Ready: 0, NotReady: 0, Unknown: 0 },
    cordoned: 0,
    roles: emptyJsonMap(),
    zones: emptyJsonMap(),
    kubeletVersions: emptyJsonMap(),
  };
  for (const n of nodes) {
    facets.readiness[n.readiness]++;
    if (n.unschedulable) facets.cordoned++;
    for (const r of n.roles) facets.roles[r] = (facets.roles[r] ?? 0) + 1;
    const zone = n.labels[ZONE_LABEL];
    if (zone !== undefined) facets.zones[zone] = (facets.zones[zone] ?? 0) + 1;
    const v = n.nodeInfo.kubeletVersion;
    if (v) facets.kubeletVersions[v] = (facets.kubeletVersions[v] ?? 0) + 1;
  }
  return facets;
}

/** The matching nodes of `store` in the requested order (before paging). */
export function selectNodes(store: NodeStore, query: NodeListQuery): NodeSummary[] {
  const { selector, predicate } = compileNodeQuery(query);
  const field = query.sort ?? 'name';
  const candidates = store.candidates(selector);
  let matched: NodeSummary[];
  if (candidates && candidates.length < store.size * CANDIDATE_SORT_RATIO) {
    matched = candidates.filter(predicate).sort(NODE_COMPARATORS[field]);
  } else {
    matched = store.ordered(field).filter(predicate);
  }
  if (query.order === 'desc') matched.reverse();
  return matched;
}

/**
 * Runs a node list query: filter, sort (`name` by default, ascending), facets over the filtered
 * set, then the 1-based `page` of `limit` items (default 50).
 * @throws InvalidSelectorError, ValidationError (see {@link compileNodeQuery}).
 */
export function queryNodes(store: NodeStore, query: NodeListQuery): NodeListResponse {
  const matched = selectNodes(store, query);
  const page = query.page ?? 1;
  const limit = query.limit ?? NODE_LIST_DEFAULT_LIMIT;
  const start = (page - 1) * limit;
  return {
    items: matched.slice(start, start + limit),
    total: matched.length,
    page,
    limit,
    seq: store.seq,
    facets: computeFacets(matched),
  };
}
