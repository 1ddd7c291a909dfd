import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ApiRoutes } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { provideConsoleTesting } from '../../testing/console-testing';
import { FakeApi, FakeRealtime, flushPromises, runningTask, waitUntil } from '../../testing/fakes';
import { TaskProgressPanelComponent } from './task-progress-panel.component';

describe('task progress panel', () => {
  let api: FakeApi;
  let fixture: ComponentFixture<TaskProgressPanelComponent>;

  async function show(taskId: string): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [...provideConsoleTesting(), { provide: ApiClient, useValue: api }, { provide: RealtimeService, useValue: new FakeRealtime() }],
    });
    fixture = TestBed.createComponent(TaskProgressPanelComponent);
    fixture.componentRef.setInput('taskId', taskId);
    fixture.detectChanges();
    await flushPromises();
    await flushPromises();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const overlay = (): HTMLElement => document.querySelector('.cdk-overlay-container') as HTMLElement;

  beforeEach(() => {
    api = new FakeApi()
      .on(ApiRoutes.task('t1'), runningTask('t1'))
      .on(ApiRoutes.taskEvents('t1'), { items: [], lastSeq: 0, terminal: false })
      .on(ApiRoutes.taskCancel('t1'), runningTask('t1'));
  });

  afterEach(() => {
    fixture.destroy();
    overlay()?.replaceChildren();
  });

  it('says "task not found" for an unknown id, with no Cancel and no waiting spinner, after one request', async () => {
    api.fail(ApiRoutes.task('ghost'), 404, 'TASK_NOT_FOUND');
    const panel = await show('ghost');
    expect({
      phase: panel.querySelector('[data-testid="task-phase"]')?.textContent?.trim(),
      cancel: panel.querySelector('[data-testid="task-cancel"]') !== null,
      progress: panel.querySelector('[data-testid="task-progress"]') !== null,
      requests: api.calls.map((c) => c.url),
    }).toEqual({ phase: 'Task not found', cancel: false, progress: false, requests: [ApiRoutes.task('ghost')] });
  });

  it('asks before cancelling a task and cancels nothing when the user keeps it running', async () => {
    const panel = await show('t1');
    (panel.querySelector('[data-testid="task-cancel"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const question = overlay().querySelector('[data-testid="confirm-title"]')?.textContent?.trim();
    (overlay().querySelector('[data-testid="confirm-cancel"]') as HTMLButtonElement).click();
    await waitUntil(() => overlay().querySelector('[data-testid="confirm-title"]') === null);
    await flushPromises();
    expect({ question, cancels: api.count('POST', ApiRoutes.taskCancel('t1')) }).toEqual({ question: 'Cancel this task?', cancels: 0 });
  });

  it('cancels once the user confirms', async () => {
    const panel = await show('t1');
    (panel.querySelector('[data-testid="task-cancel"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    (overlay().querySelector('[data-testid="confirm-ok"]') as HTMLButtonElement).click();
    await waitUntil(() => api.count('POST', ApiRoutes.taskCancel('t1')) > 0);
    expect(api.count('POST', ApiRoutes.taskCancel('t1'))).toBe(1);
  });
});
