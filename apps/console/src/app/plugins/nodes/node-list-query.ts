import {
  NODE_LIST_DEFAULT_LIMIT,
  type NodeListQuery,
  type NodeReadiness,
  type NodeSortField,
} from '@knm/contracts';
import type { Params } from '@angular/router';
import { oneOfParam, positiveIntParam, type ParamReader } from '../../shared/table/param-reader';

/**
 * The Nodes page's URL state (pure): everything the table shows is a query parameter, so a
 * reload or a shared link restores it. Unknown or malformed values fall back to "not set".
 *
 *   selector, q, readiness=Ready|NotReady|Unknown, cordoned=true|false, role, taint=key[:Effect],
 *   sort=name|age|status, order=asc|desc, page, limit
 */
export interface NodeListView {
  selector: string;
  q: string;
  readiness: NodeReadiness | null;
  cordoned: boolean | null;
  role: string;
  taint: string;
  sort: NodeSortField | null;
  order: 'asc' | 'desc' | null;
  page: number;
  limit: number;
}

export const NODE_READINESS: readonly NodeReadiness[] = ['Ready', 'NotReady', 'Unknown'];
const SORT_FIELDS: Record<NodeSortField, true> = { name: true, age: true, status: true };

/** Reads the view from the URL query. */
export function readNodeListView(query: ParamReader): NodeListView {
  const cordoned = query.get('cordoned');
  return {
    selector: query.get('selector') ?? '',
    q: query.get('q') ?? '',
    readiness: oneOfParam(query, 'readiness', NODE_READINESS),
    cordoned: cordoned === 'true' ? true : cordoned === 'false' ? false : null,
    role: query.get('role') ?? '',
    taint: query.get('taint') ?? '',
    sort: oneOfParam(query, 'sort', Object.keys(SORT_FIELDS) as NodeSortField[]),
    order: oneOfParam(query, 'order', ['asc', 'desc'] as const),
    page: positiveIntParam(query, 'page', 1),
    limit: positiveIntParam(query, 'limit', NODE_LIST_DEFAULT_LIMIT),
  };
}

/** The `GET clusters/:cluster/nodes` query for a view; unset filters are left out. */
export function toNodeListQuery(view: NodeListView): NodeListQuery {
  return {
    ...(view.selector ? { selector: view.selector } : {}),
    ...(view.q ? { q: view.q } : {}),
    ...(view.readiness ? { readiness: view.readiness } : {}),
    ...(view.cordoned !== null ? { cordoned: view.cordoned } : {}),
    ...(view.role ? { role: view.role } : {}),
    ...(view.taint ? { taint: view.taint } : {}),
    ...(view.sort ? { sort: view.sort, order: view.order ?? 'asc' } : {}),
    page: view.page,
    limit: view.limit,
  };
}

/** A facet filter change for the URL (merge): the value, or null to drop it; back to page 1. */
export function filterParams(name: 'readiness' | 'cordoned' | 'role' | 'taint', value: string | boolean | null): Params {
  return { [name]: value === '' || value === null ? null : String(value), page: null };
}

/** A sort header change (`direction` '' = unsorted, the server's default order) for the URL. */
export function sortParams(active: string, direction: 'asc' | 'desc' | ''): Params {
  const field = active in SORT_FIELDS ? active : null;
  return direction && field ? { sort: field, order: direction, page: null } : { sort: null, order: null, page: null };
}

/** Filters other than the label selector (the only one a task can target with `selector`). */
export function hasNonSelectorFilters(view: NodeListView): boolean {
  return view.q !== '' || view.readiness !== null || view.cordoned !== null || view.role !== '' || view.taint !== '';
}

/** Anything besides paging decides which nodes are on the page (live events then ask for a re-fetch). */
export function membershipFiltered(view: NodeListView): boolean {
  return view.selector !== '' || hasNonSelectorFilters(view) || view.sort === 'status';
}
