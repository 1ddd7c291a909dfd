import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { CreateTaskRequest } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';
import { provideConsoleTesting } from '../../../testing/console-testing';
import { CordonDialogComponent } from './cordon-dialog.component';

class FakeApi {
  readonly bodies: CreateTaskRequest[] = [];
  async post<T>(_url: string, body: CreateTaskRequest): Promise<T> {
    this.bodies.push(body);
    return { id: 'task-9' } as T;
  }
}

describe('cordon dialog', () => {
  it('submits the selector, not node names, for "all nodes matching", and shows the count before submit', async () => {
    const api = new FakeApi();
    const context: NodeBatchContext = { cluster: 'prod', nodes: [], matching: { selector: 'pool=gpu', count: 12 } };
    TestBed.configureTestingModule({
      imports: [CordonDialogComponent],
      providers: [
        ...provideConsoleTesting(),
        { provide: ApiClient, useValue: api },
        { provide: MAT_DIALOG_DATA, useValue: context },
        { provide: MatDialogRef, useValue: { close: () => undefined } },
      ],
    });
    const fixture = TestBed.createComponent(CordonDialogComponent);
    await fixture.whenStable();
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const reason = root.querySelector('[data-testid="cordon-reason"]') as HTMLTextAreaElement;
    reason.value = 'driver upgrade';
    reason.dispatchEvent(new Event('input'));
    (root.querySelector('[data-testid="cordon-submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect({
      shown: root.querySelector('[data-testid="cordon-submit"]')?.textContent?.trim(),
      targets: root.querySelector('[data-testid="batch-targets-selector"]')?.textContent?.includes('12 nodes right now'),
      body: api.bodies[0],
    }).toEqual({
      shown: 'Cordon 12 nodes',
      targets: true,
      body: { kind: 'cordon', params: { reason: 'driver upgrade' }, selector: 'pool=gpu' },
    });
  });
});
