import { convertToParamMap } from '@angular/router';
import {
  filterParams,
  hasNonSelectorFilters,
  membershipFiltered,
  readNodeListView,
  sortParams,
  toNodeListQuery,
} from './node-list-query';

const view = (query: Record<string, string>) => readNodeListView(convertToParamMap(query));

describe('node list URL state', () => {
  it('reads facet filters and sort from the URL and sends them to the API', () => {
    const v = view({ readiness: 'NotReady', cordoned: 'true', role: 'worker', taint: 'gpu:NoSchedule', sort: 'age', order: 'desc', page: '3', limit: '100' });
    expect(toNodeListQuery(v)).toEqual({
      readiness: 'NotReady', cordoned: true, role: 'worker', taint: 'gpu:NoSchedule', sort: 'age', order: 'desc', page: 3, limit: 100,
    });
  });

  it('sends cordoned=false for "schedulable only"', () => {
    expect(toNodeListQuery(view({ cordoned: 'false' })).cordoned).toBe(false);
  });

  it('drops malformed values instead of sending them', () => {
    const v = view({ readiness: 'Sick', cordoned: 'maybe', sort: 'cpu', order: 'up', page: '-2', limit: 'x' });
    expect(toNodeListQuery(v)).toEqual({ page: 1, limit: 50 });
  });

  it('defaults the order to ascending when only a sort field is given', () => {
    expect(toNodeListQuery(view({ sort: 'status' }))).toMatchObject({ sort: 'status', order: 'asc' });
  });

  it('puts a facet choice in the URL and goes back to page 1; "any" removes it', () => {
    expect([filterParams('role', 'infra'), filterParams('cordoned', 'true'), filterParams('readiness', '')]).toEqual([
      { role: 'infra', page: null },
      { cordoned: 'true', page: null },
      { readiness: null, page: null },
    ]);
  });

  it('maps a sort header change to sort/order, and an unsorted header to the server default', () => {
    expect([sortParams('age', 'desc'), sortParams('name', ''), sortParams('roles', 'asc')]).toEqual([
      { sort: 'age', order: 'desc', page: null },
      { sort: null, order: null, page: null },
      { sort: null, order: null, page: null },
    ]);
  });

  it('tells a selector-only view (a task can target it) from one with other filters', () => {
    expect([hasNonSelectorFilters(view({ selector: 'env=prod' })), hasNonSelectorFilters(view({ selector: 'env=prod', role: 'worker' }))]).toEqual([
      false,
      true,
    ]);
  });

  it('treats facet filters and status sort as deciding page membership for live updates', () => {
    expect([membershipFiltered(view({})), membershipFiltered(view({ taint: 'k' })), membershipFiltered(view({ sort: 'status' }))]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
