import type { TaskCounts, TaskEvent, TaskEventType, TaskResponse, TaskStatus } from '@knm/contracts';
import {
  applyTaskEvent,
  applyTaskEvents,
  finishedCount,
  hasGap,
  initialTaskProgress,
  isTerminal,
  percentDone,
  phaseOf,
  seedFromTask,
} from './task-progress.state';

const counts = (over: Partial<TaskCounts> = {}): TaskCounts => ({
  total: 2, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, ...over,
});

function ev(seq: number, type: TaskEventType, extra: Partial<TaskEvent> = {}, status: TaskStatus = 'running'): TaskEvent {
  return { taskId: 't1', seq, type, at: '2025-01-01T00:00:00Z', counts: counts(), status, ...extra };
}

const runToSuccess: TaskEvent[] = [
  ev(1, 'task:created', { counts: counts({ pending: 2 }) }, 'pending'),
  ev(2, 'task:started', { counts: counts({ pending: 2 }) }),
  ev(3, 'node:started', { node: 'n1', attempt: 1, counts: counts({ pending: 1, running: 1 }) }),
  ev(4, 'node:succeeded', { node: 'n1', attempt: 1, counts: counts({ pending: 1, succeeded: 1 }) }),
  ev(5, 'node:started', { node: 'n2', attempt: 1, counts: counts({ running: 1, succeeded: 1 }) }),
  ev(6, 'node:failed', { node: 'n2', attempt: 3, reason: 'HTTP 500', counts: counts({ succeeded: 1, failed: 1 }) }),
];

describe('task progress reducer', () => {
  it('drops an event whose seq is not above the highest applied', () => {
    const once = applyTaskEvents(initialTaskProgress('t1'), runToSuccess.slice(0, 4));
    const again = applyTaskEvent(once, { ...runToSuccess[3], counts: counts({ failed: 2 }) });
    expect(again).toBe(once);
  });

  it('ignores events of another task', () => {
    const state = initialTaskProgress('t1');
    expect(applyTaskEvent(state, { ...runToSuccess[0], taskId: 't2' })).toBe(state);
  });

  it('holds an event beyond a gap and applies it once the gap is filled', () => {
    let state = applyTaskEvents(initialTaskProgress('t1'), runToSuccess.slice(0, 2));
    state = applyTaskEvent(state, runToSuccess[3]);
    expect({ lastSeq: state.lastSeq, gap: hasGap(state) }).toEqual({ lastSeq: 2, gap: true });
    state = applyTaskEvent(state, runToSuccess[2]);
    expect({ lastSeq: state.lastSeq, gap: hasGap(state) }).toEqual({ lastSeq: 4, gap: false });
  });

  it('takes counts from the latest applied event', () => {
    const state = applyTaskEvents(initialTaskProgress('t1'), runToSuccess);
    expect(state.counts).toEqual(counts({ succeeded: 1, failed: 1 }));
  });

  it('is not terminal while every node is finished but no terminal event arrived', () => {
    const state = applyTaskEvents(initialTaskProgress('t1'), runToSuccess);
    expect({ terminal: isTerminal(state), phase: phaseOf(state), pct: percentDone(state.counts) }).toEqual({
      terminal: false,
      phase: 'running',
      pct: 100,
    });
  });

  it.each([
    ['task:succeeded', 'succeeded'],
    ['task:failed', 'failed'],
    ['task:cancelled', 'cancelled'],
  ] as const)('reaches phase %s -> %s on the terminal event', (type, phase) => {
    const state = applyTaskEvents(initialTaskProgress('t1'), [...runToSuccess, ev(7, type, {}, phase)]);
    expect({ terminal: isTerminal(state), phase: phaseOf(state) }).toEqual({ terminal: true, phase });
  });

  it('records per-node status, attempts and failure reason', () => {
    const state = applyTaskEvents(initialTaskProgress('t1'), runToSuccess);
    expect(state.nodes).toEqual([
      { node: 'n1', status: 'succeeded', attempts: 1, error: null, change: null },
      { node: 'n2', status: 'failed', attempts: 3, error: 'HTTP 500', change: null },
    ]);
  });

  it('keeps the before/after a node:succeeded event carries (the dry-run diff)', () => {
    const change = { before: { unschedulable: false }, after: { unschedulable: true } };
    const state = applyTaskEvents(initialTaskProgress('t1'), [
      ...runToSuccess.slice(0, 3),
      ev(4, 'node:succeeded', { node: 'n1', attempt: 1, change }),
    ]);
    expect(state.nodes[0].change).toEqual(change);
  });

  it('shows the retry reason on a node being retried', () => {
    const state = applyTaskEvents(initialTaskProgress('t1'), [
      ...runToSuccess.slice(0, 3),
      ev(4, 'node:retrying', { node: 'n1', attempt: 2, reason: '429 Too Many Requests' }),
    ]);
    expect(state.nodes[0]).toEqual({ node: 'n1', status: 'running', attempts: 2, error: '429 Too Many Requests', change: null });
  });

  it('notes a cancel request without claiming the task is cancelled', () => {
    const state = applyTaskEvents(initialTaskProgress('t1'), [...runToSuccess.slice(0, 2), ev(3, 'task:cancel-requested')]);
    expect({ requested: state.cancelRequested, phase: phaseOf(state) }).toEqual({ requested: true, phase: 'running' });
  });

  it('seeds target nodes from the task snapshot but never its terminal status', () => {
    const task = {
      id: 't1', status: 'succeeded', counts: counts({ succeeded: 2 }), lastSeq: 9,
      nodes: [
        { node: 'n1', status: 'succeeded', attempts: 1, error: null },
        { node: 'n2', status: 'succeeded', attempts: 1, error: null },
      ],
    } as unknown as TaskResponse;
    const state = seedFromTask(initialTaskProgress('t1'), task);
    expect({ rows: state.nodes.length, phase: phaseOf(state), lastSeq: state.lastSeq }).toEqual({
      rows: 2,
      phase: 'waiting',
      lastSeq: 0,
    });
  });

  it('counts finished nodes across succeeded, failed, skipped and cancelled', () => {
    expect(finishedCount(counts({ total: 10, succeeded: 3, failed: 2, skipped: 1, cancelled: 1, running: 3 }))).toBe(7);
  });
});
