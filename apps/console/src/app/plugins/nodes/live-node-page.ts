import type { NodeChangedEvent, NodeFacets, NodeSummary } from '@knm/contracts';
import { facetsAfterChange } from './node-facets-delta';

/**
 * Applying `node:changed` events to the page on screen and its facet counts, by per-cluster `seq`
 * (pure).
 *
 * The page carries the seq its server answer reflected. An event with seq <= page.seq is already
 * in it and dropped; seq > page.seq + 1 means events were missed: nothing is applied and the page
 * must be re-fetched. In order, a modified node on the page is replaced in place and the facet
 * counts move by the difference between its old and new state; anything the client cannot know
 * asks for a re-fetch: an added node, a deleted one leaving a hole, any change while a
 * selector/search decides membership, and a change to a node on another page (its old state, so
 * the facet change, is unknown). Events that arrive while a fetch is in flight are replayed on top
 * of its answer ({@link rebaseOnFetch}).
 */

export interface LivePage {
  items: readonly NodeSummary[];
  total: number;
  seq: number;
  /** Facet counts of the filtered set, or null when the answer had none. */
  facets: NodeFacets | null;
}

export interface LiveApplyResult {
  page: LivePage;
  /** The page may no longer be what the server would answer: re-fetch it. */
  refetch: boolean;
}

export interface LiveOptions {
  /** A selector or search filters the list, so any change may move a node in or out of it. */
  filtered: boolean;
}

export function applyNodeChange(page: LivePage, event: NodeChangedEvent, options: LiveOptions): LiveApplyResult {
  if (event.seq <= page.seq) return { page, refetch: false };
  if (event.seq > page.seq + 1) return { page, refetch: true };
  const index = page.items.findIndex((n) => n.name === event.name);
  const seq = event.seq;
  switch (event.type) {
    case 'modified': {
      if (index < 0 || !event.node) return { page: { ...page, seq }, refetch: options.filtered || page.facets !== null };
      const items = page.items.slice();
      items[index] = event.node;
      const facets = page.facets && !options.filtered ? facetsAfterChange(page.facets, page.items[index], event.node) : page.facets;
      return { page: { ...page, items, seq, facets }, refetch: options.filtered };
    }
    case 'deleted': {
      if (index < 0) return { page: { ...page, seq }, refetch: true };
      const items = page.items.filter((_, i) => i !== index);
      const facets = page.facets && !options.filtered ? facetsAfterChange(page.facets, page.items[index], undefined) : page.facets;
      return { page: { items, total: Math.max(0, page.total - 1), seq, facets }, refetch: true };
    }
    case 'added':
      return { page: { ...page, seq }, refetch: true };
  }
}

/** Applies events buffered during a fetch on top of its answer, in seq order. */
export function rebaseOnFetch(
  fetched: LivePage,
  buffered: readonly NodeChangedEvent[],
  options: LiveOptions,
): LiveApplyResult {
  let result: LiveApplyResult = { page: fetched, refetch: false };
  for (const event of [...buffered].sort((a, b) => a.seq - b.seq)) {
    const next = applyNodeChange(result.page, event, options);
    result = { page: next.page, refetch: result.refetch || next.refetch };
  }
  return result;
}
