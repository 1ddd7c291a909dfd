import { convertToParamMap } from '@angular/router';
import { isoToLocalInput, localInputToIso, readTaskListView, taskFilterParams, toTaskListQuery } from './task-list-query';

const view = (query: Record<string, string>) => readTaskListView(convertToParamMap(query));

describe('task list query', () => {
  it('builds the GET /tasks query from the URL filters', () => {
    const v = view({ cluster: 'prod', kind: 'cordon', status: 'failed', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', page: '2', limit: '20' });
    expect(toTaskListQuery(v)).toEqual({
      cluster: 'prod', kind: 'cordon', status: 'failed', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', page: 2, limit: 20,
    });
  });

  it('always sends page and limit, and nothing for unset filters', () => {
    expect(toTaskListQuery(view({}))).toEqual({ page: 1, limit: 50 });
  });

  it('drops an unknown kind or status and a time that is not RFC 3339', () => {
    expect(toTaskListQuery(view({ kind: 'drain', status: 'done', from: 'yesterday', to: '2026-13-45T00:00:00Z' }))).toEqual({ page: 1, limit: 50 });
  });

  it('resets to page 1 when a filter changes and removes a cleared filter', () => {
    expect([taskFilterParams('kind', 'taint'), taskFilterParams('cluster', '')]).toEqual([
      { kind: 'taint', page: null },
      { cluster: null, page: null },
    ]);
  });

  it('converts the local date-time input to a UTC instant and back', () => {
    const iso = localInputToIso('2026-11-21T10:30');
    expect({ iso, back: isoToLocalInput(iso) }).toEqual({ iso: new Date(2026, 10, 21, 10, 30).toISOString(), back: '2026-11-21T10:30' });
  });

  it('treats an empty date-time input as no bound', () => {
    expect([localInputToIso(''), isoToLocalInput(null)]).toEqual([null, '']);
  });
});
