import type { TaskEvent, TaskResponse } from '@knm/contracts';
import { Output } from '../output';
import { Captured } from '../testing/test-context';
import { BarView, nodeEventLine, progressMode, terminalLike } from './progress-view';

const counts = (done: number) => ({ total: 4, pending: 4 - done, running: 0, succeeded: done, failed: 0, skipped: 0, cancelled: 0 });
const task = { id: 't', kind: 'taint', dryRun: false, counts: counts(0) } as unknown as TaskResponse;
const event = (seq: number, type: TaskEvent['type'], extra: Partial<TaskEvent> = {}): TaskEvent => ({ taskId: 't', seq, type, at: '', counts: counts(seq), status: 'running', ...extra }) as TaskEvent;

describe('progress view', () => {
  it('a bar on a terminal, lines otherwise, nothing with -o json|yaml; KNM_PROGRESS overrides', () => {
    expect(progressMode(false, {}, true)).toBe('bar');
    expect(progressMode(false, {}, false)).toBe('lines');
    expect(progressMode(true, { KNM_PROGRESS: 'bar' }, true)).toBe('none');
    expect(progressMode(false, { KNM_PROGRESS: 'bar' }, false)).toBe('bar');
    expect(progressMode(false, { KNM_PROGRESS: 'lines' }, true)).toBe('lines');
    expect(progressMode(false, { KNM_PROGRESS: 'fancy' }, false)).toBe('lines');
  });

  it("node events print kubectl's past tense, failures and retries with their reason", () => {
    expect(nodeEventLine(event(1, 'node:succeeded', { node: 'n1' }), task)).toBe('node/n1 tainted');
    expect(nodeEventLine(event(1, 'node:succeeded', { node: 'n1' }), { kind: 'label', dryRun: true })).toBe('node/n1 labeled (server dry run)');
    expect(nodeEventLine(event(2, 'node:failed', { node: 'n2', reason: 'HTTP 422 Invalid' }), task)).toBe('node/n2 failed: HTTP 422 Invalid');
    expect(nodeEventLine(event(3, 'node:retrying', { node: 'n3', attempt: 2, reason: 'HTTP 429' }), task)).toBe('node/n3 retrying (attempt 2): HTTP 429');
    expect(nodeEventLine(event(4, 'task:started'), task)).toBeNull();
  });

  it('the bar draws with terminal control sequences into any stream and ends at 100%', () => {
    const sink = new Captured();
    const view = new BarView(new Output(sink, new Captured()), terminalLike(sink));
    view.start(task);
    for (let i = 1; i <= 4; i++) view.event(event(i, 'node:succeeded', { node: `n${i}` }));
    view.stop();
    expect(sink.text).toContain('\u001b[');
    expect(sink.text).toMatch(/taint \[\u2588+\] 100% \| 4\/4 nodes \| 4 ok, 0 failed/);
  });
});
