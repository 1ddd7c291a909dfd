import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { inject, provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { MAT_DIALOG_DEFAULT_OPTIONS, type MatDialogConfig } from '@angular/material/dialog';
import { provideRouter, withComponentInputBinding, withNavigationErrorHandler, type Routes } from '@angular/router';
import { CONSOLE_PLUGINS } from './app.plugins';
import { apiReachabilityInterceptor } from './core/api/api-reachability';
import { msg } from './core/i18n/i18n-message';
import { provideConsoleI18n } from './core/i18n/i18n.providers';
import { CORE_NAMESPACES } from './core/i18n/translation-loader';
import { provideConsoleIcons } from './core/icons/console-icons';
import { NotificationService } from './core/notifications/notification.service';
import { PluginRegistry } from './core/plugins/plugin-registry';
import { providePluginRegistry } from './core/plugins/plugin-registry.provider';
import { provideConsoleTheme } from './core/theme/theme.providers';
import { NotFoundPageComponent } from './shell/not-found-page.component';

const registry = new PluginRegistry(CONSOLE_PLUGINS, CORE_NAMESPACES);

/** Every plugin route, `/` -> the nodes page, and a not-found page for any other URL. */
export function consoleRoutes(plugins: PluginRegistry): Routes {
  return [
    ...plugins.routes(),
    { path: '', pathMatch: 'full', redirectTo: 'nodes' },
    { path: '**', component: NotFoundPageComponent, title: 'notFound.title' },
  ];
}

/**
 * A page whose lazy chunk cannot be downloaded (API down, or a newer build replaced it) says so and
 * offers a reload, instead of the link doing nothing (router navigation error handler).
 */
export function reportNavigationError(): void {
  inject(NotificationService).reloadPrompt(msg('errors.chunk.page'));
}

/**
 * Dialogs are modal for assistive technology too (`aria-modal="true"`), and focus their first
 * field or button. Material leaves aria-modal off by default because some screen readers then
 * skip overlays opened from the dialog (a mat-select panel); the console's selects stay usable by
 * keyboard, and the issue asked for modal semantics.
 */
export const DIALOG_DEFAULTS: MatDialogConfig = { ariaModal: true, autoFocus: 'first-tabbable', restoreFocus: true };

/** Zoneless (Angular 21 default): change detection runs from signals and events. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch(), withInterceptors([apiReachabilityInterceptor])),
    provideRouter(
      consoleRoutes(registry),
      withComponentInputBinding(),
      withNavigationErrorHandler(reportNavigationError),
    ),
    providePluginRegistry(registry),
    provideConsoleIcons(),
    provideConsoleI18n(),
    provideConsoleTheme(),
    { provide: MAT_DIALOG_DEFAULT_OPTIONS, useValue: DIALOG_DEFAULTS },
  ],
};
