import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import type { TaskCounts, TaskEvent, TaskEventsResponse, TaskEventType } from '@knm/contracts';
import { Subject } from 'rxjs';
import { ApiClient, type QueryParams } from '../../core/api/api-client.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import type { TaskStreamMessage } from '../../core/realtime/realtime.types';
import { TaskProgressTracker } from './task-progress.tracker';

const counts: TaskCounts = { total: 1, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
const ev = (seq: number, type: TaskEventType = 'node:started'): TaskEvent => ({
  taskId: 't1', seq, type, at: '2025-01-01T00:00:00Z', counts, status: 'running', node: 'n1',
});

/** Fake REST log of task t1 (the I/O boundary): answers `GET tasks/t1/events?afterSeq=`. */
class FakeApi {
  log: TaskEvent[] = [];
  readonly eventQueries: number[] = [];
  async get<T>(url: string, query?: QueryParams): Promise<T> {
    if (url.endsWith('/events')) {
      const after = Number(query?.['afterSeq'] ?? 0);
      this.eventQueries.push(after);
      const items = this.log.filter((e) => e.seq > after);
      const body: TaskEventsResponse = { items, lastSeq: this.log.at(-1)?.seq ?? 0, terminal: false };
      return body as T;
    }
    throw new Error(`unexpected GET ${url}`);
  }
}

class FakeRealtime {
  readonly state = signal<'connected'>('connected');
  readonly stream = new Subject<TaskStreamMessage>();
  watchTask() {
    return this.stream.asObservable();
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskProgressTracker', () => {
  let api: FakeApi;
  let realtime: FakeRealtime;
  let tracker: TaskProgressTracker;

  beforeEach(() => {
    api = new FakeApi();
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [TaskProgressTracker, { provide: ApiClient, useValue: api }, { provide: RealtimeService, useValue: realtime }],
    });
    tracker = TestBed.inject(TaskProgressTracker);
  });

  afterEach(() => tracker.stop());

  it('fills a gap in socket events from the REST event log', async () => {
    tracker.follow('t1');
    await flush();
    api.log = [ev(1), ev(2), ev(3)];
    realtime.stream.next({ kind: 'task', event: ev(1) });
    realtime.stream.next({ kind: 'task', event: ev(3) });
    await flush();
    expect({ lastSeq: tracker.state().lastSeq, queries: api.eventQueries }).toEqual({ lastSeq: 3, queries: [0, 1] });
  });

  it('reports the end only after the terminal event and then stops listening', async () => {
    tracker.follow('t1');
    await flush();
    realtime.stream.next({ kind: 'task', event: ev(1) });
    const before = tracker.phase();
    realtime.stream.next({ kind: 'task', event: { ...ev(2, 'task:succeeded'), status: 'succeeded' } });
    realtime.stream.next({ kind: 'task', event: ev(3) });
    expect({ before, after: tracker.phase(), lastSeq: tracker.state().lastSeq }).toEqual({
      before: 'running',
      after: 'succeeded',
      lastSeq: 2,
    });
  });
});
