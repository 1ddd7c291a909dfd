import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withNavigationErrorHandler } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { consoleRoutes, reportNavigationError } from './app.config';
import type { I18nMessage } from './core/i18n/i18n-message';
import { NotificationService } from './core/notifications/notification.service';
import { ActionSlotComponent } from './core/plugins/action-slot.component';
import { PluginRegistry } from './core/plugins/plugin-registry';
import { providePluginRegistry } from './core/plugins/plugin-registry.provider';
import type { NodeBatchContext } from './core/plugins/plugin.types';
import { NotFoundPageComponent } from './shell/not-found-page.component';
import { consoleRegistry, provideConsoleTesting } from './testing/console-testing';
import { waitUntil } from './testing/fakes';

/** Records what would be shown in a snack bar. */
class FakeNotifications {
  readonly reloadPrompts: string[] = [];
  reloadPrompt(message: I18nMessage): void {
    this.reloadPrompts.push(message.key);
  }
}

const chunkFailure = (): Promise<never> => Promise.reject(new TypeError('Failed to fetch dynamically imported module: chunk-X.js'));

@Component({ template: '' })
class Home {}

describe('console routes', () => {
  let notifications: FakeNotifications;

  beforeEach(() => {
    notifications = new FakeNotifications();
  });

  it('shows a not-found page for an unknown path instead of redirecting, with the path and a link home', async () => {
    TestBed.configureTestingModule({ providers: [...provideConsoleTesting(), provideRouter(consoleRoutes(consoleRegistry()))] });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/no/such/page', NotFoundPageComponent);
    harness.detectChanges();
    const root = harness.routeNativeElement!;
    expect({
      url: TestBed.inject(Router).url,
      path: root.querySelector('[data-testid="not-found-path"]')?.textContent,
      home: root.querySelector('[data-testid="not-found-home"]')?.getAttribute('href'),
      title: root.querySelector('h1')?.textContent,
      component: page instanceof NotFoundPageComponent,
    }).toEqual({ url: '/no/such/page', path: '/no/such/page', home: '/', title: 'Page not found', component: true });
  });

  it('tells the user to reload when a page\'s code cannot be downloaded (API down)', async () => {
    TestBed.configureTestingModule({
      providers: [
        ...provideConsoleTesting(),
        provideRouter([{ path: '', component: Home }, { path: 'tasks', loadComponent: chunkFailure }], withNavigationErrorHandler(reportNavigationError)),
        { provide: NotificationService, useValue: notifications },
      ],
    });
    await RouterTestingHarness.create('/');
    await TestBed.inject(Router).navigateByUrl('/tasks').catch(() => false);
    expect({ url: TestBed.inject(Router).url, prompts: notifications.reloadPrompts }).toEqual({ url: '/', prompts: ['errors.chunk.page'] });
  });

  it('tells the user to reload when a batch action\'s dialog cannot be downloaded, instead of doing nothing', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const registry = new PluginRegistry([
      {
        id: 'probe',
        title: 'probe.t',
        translations: { en: { t: 'Probe' } },
        routes: [],
        nav: [],
        actions: [{ id: 'probe.act', slot: 'nodes.batch', label: 'probe.t', icon: 'label', multiple: true, loadDialog: chunkFailure }],
      },
    ]);
    TestBed.configureTestingModule({
      providers: [...provideConsoleTesting(), providePluginRegistry(registry), { provide: NotificationService, useValue: notifications }],
    });
    const fixture = TestBed.createComponent(ActionSlotComponent<'nodes.batch'>);
    const context: NodeBatchContext = { cluster: 'c1', nodes: [] };
    fixture.componentRef.setInput('slot', 'nodes.batch');
    fixture.componentRef.setInput('context', context);
    fixture.componentRef.setInput('selectionSize', 1);
    fixture.detectChanges();
    (fixture.nativeElement.querySelector('[data-testid="action-probe.act"]') as HTMLButtonElement).click();
    await waitUntil(() => notifications.reloadPrompts.length > 0);
    expect(notifications.reloadPrompts).toEqual(['errors.chunk.dialog']);
    jest.restoreAllMocks();
  });
});
