import { InjectionToken, type Provider } from '@angular/core';
import type { ConsolePluginManifest } from './plugin.types';
import { PluginRegistry } from './plugin-registry';

/** The registry the shell and slot hosts read. */
export const PLUGIN_REGISTRY = new InjectionToken<PluginRegistry>('knm.pluginRegistry');

/** Provides the registry built from `manifests` (validated once, at bootstrap). */
export function providePluginRegistry(registry: PluginRegistry): Provider[] {
  return [{ provide: PLUGIN_REGISTRY, useValue: registry }];
}

export type { ConsolePluginManifest };
