import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { CONSOLE_PLUGINS } from './app.plugins';
import { provideConsoleIcons } from './core/icons/console-icons';
import { PluginRegistry } from './core/plugins/plugin-registry';
import { providePluginRegistry } from './core/plugins/plugin-registry.provider';

const registry = new PluginRegistry(CONSOLE_PLUGINS);

/** Zoneless (Angular 21 default): change detection runs from signals and events. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch()),
    provideRouter(
      [...registry.routes(), { path: '', pathMatch: 'full', redirectTo: 'nodes' }, { path: '**', redirectTo: 'nodes' }],
      withComponentInputBinding(),
    ),
    providePluginRegistry(registry),
    provideConsoleIcons(),
  ],
};
