import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { provideConsoleTesting } from '../../testing/console-testing';
import { FakeApi, FakeRealtime, flushPromises, runningTask } from '../../testing/fakes';
import { TaskDetailPageComponent } from './task-detail-page.component';

@Component({ template: '' })
class EmptyPage {}

describe('task detail page', () => {
  let api: FakeApi;
  let harness: RouterTestingHarness;

  async function open(id: string): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        ...provideConsoleTesting(),
        provideRouter([
          { path: 'tasks/:id', component: TaskDetailPageComponent },
          { path: '**', component: EmptyPage },
        ]),
        { provide: ApiClient, useValue: api },
        { provide: RealtimeService, useValue: new FakeRealtime() },
      ],
    });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/tasks/${id}`);
    await flushPromises();
    await flushPromises();
    harness.detectChanges();
    return harness.routeNativeElement!;
  }

  beforeEach(() => {
    api = new FakeApi();
  });

  it('shows only "not found" for an unknown task: no progress panel, no Cancel, and one request', async () => {
    api.fail(ApiRoutes.task('nope'), 404, 'TASK_NOT_FOUND');
    const page = await open('nope');
    expect({
      notFound: page.querySelector('[data-testid="task-not-found"]') !== null,
      panel: page.querySelector('[data-testid="task-panel"]') !== null,
      cancel: page.querySelector('[data-testid="task-cancel"]') !== null,
      waiting: page.textContent?.includes('Waiting for the first event'),
      requests: api.calls.map((c) => c.url),
    }).toEqual({ notFound: true, panel: false, cancel: false, waiting: false, requests: [ApiRoutes.task('nope')] });
  });

  it('reads a task once: the progress panel starts from the page\'s snapshot', async () => {
    api.on(ApiRoutes.task('t1'), runningTask('t1')).on(ApiRoutes.taskEvents('t1'), { items: [], lastSeq: 0, terminal: false });
    const page = await open('t1');
    expect({
      panel: page.querySelector('[data-testid="task-panel"]') !== null,
      kind: page.querySelector('[data-testid="task-detail-kind"]')?.textContent?.trim(),
      taskReads: api.count('GET', ApiRoutes.task('t1')),
    }).toEqual({ panel: true, kind: 'Cordon', taskReads: 1 });
  });
});
