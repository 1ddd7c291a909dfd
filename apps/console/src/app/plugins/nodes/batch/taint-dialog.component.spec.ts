import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { CreateTaskRequest, NodeSummary } from '@knm/contracts';
import { ApiClient } from '../../../core/api/api-client.service';
import { toApiError } from '../../../core/api/api-error';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';
import { provideConsoleTesting } from '../../../testing/console-testing';
import { TaintDialogComponent } from './taint-dialog.component';

/** Fake HTTP boundary: records the request and answers with `reply`. */
class FakeApi {
  readonly posts: { url: string; body: CreateTaskRequest }[] = [];
  reply: () => Promise<unknown> = async () => ({ id: 'task-1' });
  post<T>(url: string, body: CreateTaskRequest): Promise<T> {
    this.posts.push({ url, body });
    return this.reply() as Promise<T>;
  }
}

const context: NodeBatchContext = { cluster: 'prod', nodes: [{ name: 'n1' } as NodeSummary, { name: 'n2' } as NodeSummary] };

describe('taint dialog', () => {
  let fixture: ComponentFixture<TaintDialogComponent>;
  let api: FakeApi;
  let closed: unknown[];

  const el = (id: string): HTMLElement | null => fixture.nativeElement.querySelector(`[data-testid="${id}"]`);
  const type = (id: string, value: string) => {
    const input = el(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const component = () => fixture.componentInstance as unknown as {
    editAdd(i: number, change: object): void;
    submit(dryRun: boolean): Promise<void>;
  };

  beforeEach(async () => {
    api = new FakeApi();
    closed = [];
    TestBed.configureTestingModule({
      imports: [TaintDialogComponent],
      providers: [
        ...provideConsoleTesting(),
        { provide: ApiClient, useValue: api },
        { provide: MAT_DIALOG_DATA, useValue: context },
        { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
      ],
    });
    fixture = TestBed.createComponent(TaintDialogComponent);
    await settle();
  });

  it('refuses a real NoExecute run until the eviction is confirmed', async () => {
    type('taint-key-0', 'example.com/maint');
    component().editAdd(0, { effect: 'NoExecute' });
    await settle();
    await component().submit(false);
    await settle();
    expect({ posts: api.posts.length, warning: el('taint-noexecute-warning') !== null }).toEqual({ posts: 0, warning: true });
  });

  it('submits a dry run of NoExecute without confirmation, naming the selected nodes', async () => {
    type('taint-key-0', 'example.com/maint');
    component().editAdd(0, { effect: 'NoExecute' });
    await component().submit(true);
    expect({ body: api.posts[0]?.body, closed }).toEqual({
      body: { kind: 'taint', params: { add: [{ key: 'example.com/maint', effect: 'NoExecute' }] }, nodes: ['n1', 'n2'], dryRun: true },
      closed: [{ taskId: 'task-1' }],
    });
  });

  it('does not submit an invalid key and shows the rule next to it', async () => {
    type('taint-key-0', 'bad key');
    await component().submit(false);
    await settle();
    expect({ posts: api.posts.length, rule: el('taint-key-error-0')?.textContent?.trim() }).toEqual({
      posts: 0,
      rule: "the name (the part after any '/') may contain only letters, digits, '-', '_' or '.', and must start and end with a letter or digit",
    });
  });

  it('shows the server 400 violation on the field it names and keeps the dialog open', async () => {
    api.reply = async () => {
      throw toApiError(new HttpErrorResponse({
        status: 400,
        error: { code: 'VALIDATION_FAILED', message: 'bad', details: { violations: [{ field: 'params.add[0].value', rule: 'is reserved here' }] } },
      }));
    };
    type('taint-key-0', 'k');
    type('taint-value-0', 'v');
    await component().submit(false);
    await settle();
    expect({ rule: el('taint-value-error-0')?.textContent?.trim(), closed }).toEqual({ rule: 'is reserved here', closed: [] });
  });
});
