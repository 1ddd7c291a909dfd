import type { Type } from '@angular/core';
import type { NodeSummary } from '@knm/contracts';

/**
 * The console plugin contract. Built-in features (clusters, nodes) register through exactly this
 * contract, as a third-party plugin would (model: Headlamp / Backstage / Rancher extensions).
 * A plugin is declarative data: no side effects at import time, components loaded lazily.
 * Changing this file changes the public contract: plugin-registry.spec.ts snapshots it.
 */

/**
 * Permission a plugin, route or action requires, as `<resource>:<verb>` (e.g. `nodes:label`).
 * Placeholder until auth/rbac lands: {@link PermissionService} grants everything today.
 */
export type ConsolePermission = `${string}:${string}`;

/**
 * A plugin's translations for one language: nested objects of strings (`{"page": {"title": "Nodes"}}`).
 * The console serves them under the plugin id, so that entry is the key `<pluginId>.page.title`.
 * Interpolation uses `{{name}}`.
 */
export interface PluginTranslation {
  readonly [key: string]: string | PluginTranslation;
}

/**
 * A translation key of the plugin's own translations: `<pluginId>.<path>`. Every text a manifest
 * carries (titles, labels) is such a key; the registry refuses a key without an English text.
 */
export type PluginTextKey = `${string}.${string}`;

/** A lazily loaded page. `path` is relative to the app root (`clusters/:cluster/nodes`). */
export interface PluginRoute {
  /** Unique across all plugins, `<pluginId>.<name>`; nav entries point at it. */
  id: string;
  path: string;
  /** Page title (translation key); the browser tab shows "<title> · Kube Node Manager". */
  title: PluginTextKey;
  loadComponent: () => Promise<Type<unknown>>;
  requiredPermission?: ConsolePermission;
}

/** A side-nav entry pointing at one of the plugin's routes (by route id, never by URL). */
export interface PluginNavEntry {
  id: string;
  /** Translation key. */
  label: PluginTextKey;
  /** Name of an icon in the console icon set (core/icons). */
  icon: string;
  routeId: string;
  /** Lower sorts first; ties sort by label. */
  order?: number;
}

/**
 * Named places where actions attach, with the context each place hands its actions.
 * Plugins may add slots by declaration merging on this interface.
 */
export interface ActionSlotContexts {
  /** Toolbar above the node table; acts on the selected nodes of one cluster. */
  'nodes.batch': NodeBatchContext;
}
export type ActionSlot = keyof ActionSlotContexts;

/**
 * What a `nodes.batch` action acts on: the selected `nodes`, or — when `matching` is set — every
 * node of the cluster matching a label selector (the task is then submitted with `selector`, and
 * `nodes` is empty). `matching.count` is how many nodes matched when the user chose it; the server
 * resolves the selector again when the task starts.
 */
export interface NodeBatchContext {
  cluster: string;
  nodes: readonly NodeSummary[];
  matching?: { selector: string; count: number };
}

/**
 * What an action's dialog returns when it closed after starting work. The slot host then shows
 * the task's progress; `undefined` (dialog dismissed) means nothing happened.
 */
export interface ActionOutcome {
  taskId?: string;
}

/**
 * An action attached to a slot. The host opens `loadDialog()`'s component in a MatDialog with
 * the slot context as `MAT_DIALOG_DATA`; the dialog closes with an {@link ActionOutcome}.
 */
export interface PluginAction<S extends ActionSlot = ActionSlot> {
  id: string;
  slot: S;
  /** Button text (translation key). */
  label: PluginTextKey;
  icon: string;
  /** Rancher's `multiple`: true = runs on a selection of many; false = exactly one. */
  multiple: boolean;
  requiredPermission?: ConsolePermission;
  loadDialog: () => Promise<Type<unknown>>;
}

/** Any action, whichever slot it attaches to. */
export type AnyPluginAction = { [S in ActionSlot]: PluginAction<S> }[ActionSlot];

export interface ConsolePluginManifest {
  /** Unique plugin id, kebab-case; also the namespace of its translation keys. */
  id: string;
  /** Translation key. */
  title: PluginTextKey;
  /**
   * The plugin's texts per language id (`en` required; the console ships `en` and `zh-CN`). A key
   * missing in another language falls back to English. Import the JSON files so they are bundled
   * with the manifest (no request, no flash of untranslated text).
   */
  translations: { readonly en: PluginTranslation } & Readonly<Record<string, PluginTranslation>>;
  requiredPermission?: ConsolePermission;
  routes: readonly PluginRoute[];
  nav: readonly PluginNavEntry[];
  actions: readonly AnyPluginAction[];
}

/** Identity helper giving manifests contextual typing (no runtime effect). */
export function definePlugin(manifest: ConsolePluginManifest): ConsolePluginManifest {
  return manifest;
}
