import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { ApiRoutes, type NodeSummary } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import type { NodeBatchContext } from '../../core/plugins/plugin.types';
import { RegisterClusterDialogComponent } from '../../plugins/clusters/register-cluster-dialog.component';
import { CordonDialogComponent } from '../../plugins/nodes/batch/cordon-dialog.component';
import { UncordonDialogComponent } from '../../plugins/nodes/batch/uncordon-dialog.component';
import { LabelDialogComponent } from '../../plugins/nodes/label-dialog.component';
import { provideConsoleTesting } from '../../testing/console-testing';
import { FakeApi, flushPromises, waitUntil } from '../../testing/fakes';

/** Opens dialogs the way the console does (MatDialog with the app's defaults) and drives them by keyboard. */
@Component({ template: '', imports: [MatDialogModule] })
class Host {
  readonly dialog = inject(MatDialog);
}

const context: NodeBatchContext = { cluster: 'c1', nodes: [{ name: 'n1' } as NodeSummary, { name: 'n2' } as NodeSummary] };

describe('dialogs', () => {
  let api: FakeApi;
  let dialog: MatDialog;

  const overlay = (): HTMLElement => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const el = <T extends HTMLElement>(testId: string): T => overlay().querySelector(`[data-testid="${testId}"]`) as T;
  const type = (testId: string, value: string): void => {
    const input = el<HTMLInputElement>(testId);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const enter = (target: HTMLElement, init: KeyboardEventInit = {}): void => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));
  };
  const settle = async (): Promise<void> => {
    await flushPromises();
    TestBed.tick();
  };

  beforeEach(() => {
    api = new FakeApi()
      .on(ApiRoutes.clusterTasks('c1'), { id: 'task-1' })
      .on(ApiRoutes.clusterTest(), { server: 'https://k', context: 'ctx', kubernetesVersion: 'v1.31.0', nodeCount: 3 })
      .on(ApiRoutes.clusters(), { name: 'prod' });
    TestBed.configureTestingModule({ providers: [...provideConsoleTesting(), { provide: ApiClient, useValue: api }] });
    dialog = TestBed.createComponent(Host).componentInstance.dialog;
  });

  afterEach(async () => {
    dialog.closeAll();
    await flushPromises();
    overlay()?.replaceChildren();
  });

  it('are modal for assistive technology (aria-modal="true")', async () => {
    dialog.open(CordonDialogComponent, { data: context });
    await settle();
    expect(overlay().querySelector('mat-dialog-container')?.getAttribute('aria-modal')).toBe('true');
  });

  it('Enter in the cordon reason applies the cordon', async () => {
    dialog.open(CordonDialogComponent, { data: context });
    await settle();
    type('cordon-reason', 'kernel upgrade');
    enter(el('cordon-reason'));
    await waitUntil(() => api.calls.length > 0);
    expect(api.calls[0].body).toEqual({ kind: 'cordon', params: { reason: 'kernel upgrade' }, nodes: ['n1', 'n2'] });
  });

  it('Enter does not submit while an input method is composing (picking a Chinese candidate)', async () => {
    dialog.open(CordonDialogComponent, { data: context });
    await settle();
    type('cordon-reason', '内核');
    enter(el('cordon-reason'), { isComposing: true });
    await settle();
    expect(api.calls).toEqual([]);
  });

  it('Enter applies a valid label form, and on an invalid one shows the rules instead of submitting', async () => {
    dialog.open(LabelDialogComponent, { data: context });
    await settle();
    type('label-key-0', 'bad key');
    enter(el('label-key-0'));
    await settle();
    const refused = { posts: api.calls.length, rule: el('label-key-error-0')?.textContent?.trim() !== undefined };
    type('label-key-0', 'team');
    type('label-value-0', 'db');
    enter(el('label-value-0'));
    await waitUntil(() => api.calls.length > 0);
    expect({ refused, body: api.calls[0].body }).toEqual({
      refused: { posts: 0, rule: true },
      body: { kind: 'label', params: { set: { team: 'db' } }, nodes: ['n1', 'n2'] },
    });
  });

  it('a dialog with nothing to fill in marks its action as the initial focus, so Enter applies it (focus itself: browser test)', async () => {
    // jsdom has no layout, so the CDK finds nothing focusable and warns; the browser test checks the focus.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    dialog.open(UncordonDialogComponent, { data: context });
    await settle();
    warn.mockRestore();
    expect([...overlay().querySelectorAll('[cdkfocusinitial]')].map((e) => e.getAttribute('data-testid'))).toEqual(['uncordon-submit']);
  });

  it('Test connection sends only the connection (kubeconfig, context), never the name the API refuses there', async () => {
    dialog.open(RegisterClusterDialogComponent);
    await settle();
    type('cluster-name', 'prod');
    type('cluster-kubeconfig', 'apiVersion: v1');
    type('cluster-context', 'ctx');
    await settle();
    el<HTMLButtonElement>('cluster-test').click();
    await waitUntil(() => api.calls.length > 0);
    expect(api.calls[0]).toEqual({ method: 'POST', url: ApiRoutes.clusterTest(), query: undefined, body: { kubeconfig: 'apiVersion: v1', context: 'ctx' } });
  });

  it('Enter in the cluster name registers the cluster once (not also by the form\'s own submit)', async () => {
    dialog.open(RegisterClusterDialogComponent);
    await settle();
    type('cluster-name', 'prod');
    type('cluster-kubeconfig', 'apiVersion: v1');
    await settle();
    enter(el('cluster-name'));
    await waitUntil(() => api.calls.length > 0);
    await settle();
    expect(api.calls.map((c) => [c.url, c.body])).toEqual([[ApiRoutes.clusters(), { name: 'prod', kubeconfig: 'apiVersion: v1' }]]);
  });
});
