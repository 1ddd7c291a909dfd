import type { KubeObject } from './types';
import { badRequest } from './status';
import type { ObjectStore, StoredObject } from '../store/object-store';
import { groupVersion, type ResourceDefinition } from '../store/resource-definition';
import { LabelSelectorError, parseLabelSelector } from '@knm/contracts';
import { matchesFieldSelector, parseFieldSelector, SelectorParseError, type FieldRequirement } from '../selectors/field-selector';

/** A compiled `labelSelector` + `fieldSelector` pair. */
export interface ObjectFilter {
  matches(obj: KubeObject): boolean;
  /** `field=value` requirements, for index lookups. */
  fieldEquals: FieldRequirement[];
}

/**
 * Compiles the `labelSelector` (libs/contracts' parser: apimachinery's grammar) and `fieldSelector`
 * query parameters for `def`.
 * @throws ApiError 400 BadRequest for unparsable selectors or unsupported field labels.
 */
export function compileFilter(def: ResourceDefinition, labelSelector: string | null, fieldSelector: string | null): ObjectFilter {
  try {
    const labels = parseLabelSelector(labelSelector ?? '');
    const fields = parseFieldSelector(fieldSelector ?? undefined, def.fields);
    return {
      matches: (obj) => labels.matches(obj.metadata.labels) && matchesFieldSelector(fields, def.fields, obj),
      fieldEquals: fields.filter((f) => f.operator === '='),
    };
  } catch (err) {
    if (err instanceof SelectorParseError || err instanceof LabelSelectorError) throw badRequest(err.message);
    throw err;
  }
}

/** One page of a list: entries in key order plus list metadata. */
export interface ListPage<T extends KubeObject> {
  entries: StoredObject<T>[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

/**
 * Lists matching objects with `limit`/`continue` paging. The continue token has the apiserver's
 * format (base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`); later pages read the
 * current state from the key after the last one returned (not an MVCC snapshot as etcd would).
 * Uses a store index when a `field=value` requirement has one (e.g. spec.nodeName).
 * @throws ApiError 400 for a malformed continue token or limit.
 */
export function listPage<T extends KubeObject>(
  store: ObjectStore<T>,
  namespace: string | undefined,
  filter: ObjectFilter,
  limitParam: string | null,
  continueParam: string | null,
  currentRv: number,
): ListPage<T> {
  const limit = limitParam ? Number(limitParam) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitParam}`);
  let rv = currentRv;
  let start = '';
  if (continueParam) {
    const token = decodeContinue(continueParam);
    rv = token.rv;
    start = token.start;
  }
  const indexed = filter.fieldEquals.find((f) => store.hasIndex(f.field));
  let candidates = indexed ? store.byIndex(indexed.field, indexed.value) : store.entries(namespace);
  if (indexed && namespace) candidates = candidates.filter((e) => e.object.metadata.namespace === namespace);
  const out: StoredObject<T>[] = [];
  let i = 0;
  if (start) {
    i = lowerBound(candidates, start);
  }
  for (; i < candidates.length; i++) {
    const e = candidates[i];
    if (!filter.matches(e.object)) continue;
    if (limit > 0 && out.length === limit) break;
    out.push(e);
  }
  const page: ListPage<T> = { entries: out, resourceVersion: String(rv) };
  if (limit > 0 && i < candidates.length) {
    let remaining = 0;
    for (let j = i; j < candidates.length; j++) if (filter.matches(candidates[j].object)) remaining++;
    if (remaining > 0) {
      const last = out[out.length - 1].key;
      page.continueToken = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${last}\u0000` } satisfies ContinueToken)).toString('base64');
      page.remainingItemCount = remaining;
    }
  }
  return page;
}

/** Renders a list page as `<Kind>List` JSON, concatenating each object's cached JSON. */
export function renderList<T extends KubeObject>(def: ResourceDefinition, page: ListPage<T>): string {
  const meta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continueToken) {
    meta.continue = page.continueToken;
    meta.remainingItemCount = page.remainingItemCount;
  }
  const head = `{"kind":"${def.kind}List","apiVersion":"${groupVersion(def)}","metadata":${JSON.stringify(meta)},"items":[`;
  return `${head}${page.entries.map((e) => e.json).join(',')}]}`;
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as ContinueToken;
    if (token.v !== 'meta.k8s.io/v1' || typeof token.rv !== 'number' || typeof token.start !== 'string') throw new Error('bad token');
    return token;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function lowerBound<T extends KubeObject>(entries: StoredObject<T>[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
