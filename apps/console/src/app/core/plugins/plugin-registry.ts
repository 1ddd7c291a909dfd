import type { Routes } from '@angular/router';
import type {
  ActionSlot,
  ConsolePluginManifest,
  PluginAction,
  PluginNavEntry,
  PluginRoute,
  PluginTranslation,
} from './plugin.types';

/** Thrown at startup when a manifest breaks the plugin contract; names the plugin and the rule. */
export class PluginContractError extends Error {
  constructor(pluginId: string, rule: string) {
    super(`plugin "${pluginId}": ${rule}`);
    this.name = 'PluginContractError';
  }
}

const PLUGIN_ID_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A nav entry resolved to its route path, as the shell renders it. */
export interface ResolvedNavEntry extends PluginNavEntry {
  pluginId: string;
  path: string;
}

/**
 * Holds the validated manifests and answers the shell's questions: routes to mount, nav entries,
 * actions per slot. Pure and framework-light so the contract can be tested without a browser.
 */
export class PluginRegistry {
  private readonly manifests: ConsolePluginManifest[] = [];
  private readonly routesById = new Map<string, { pluginId: string; route: PluginRoute }>();
  private readonly ids = new Set<string>();

  /**
   * @param reservedIds ids no plugin may take: the console core's translation namespaces
   *   (`common`, `shell`, ...), since a plugin's id is the namespace of its translation keys.
   */
  constructor(manifests: readonly ConsolePluginManifest[] = [], private readonly reservedIds: readonly string[] = []) {
    for (const m of manifests) this.register(m);
  }

  /** Validates and adds one manifest. Throws {@link PluginContractError} on a broken contract. */
  register(manifest: ConsolePluginManifest): void {
    const id = manifest.id;
    if (!PLUGIN_ID_RE.test(id)) throw new PluginContractError(id, 'id must be kebab-case');
    if (this.reservedIds.includes(id)) throw new PluginContractError(id, 'id is reserved by the console core');
    if (this.manifests.some((m) => m.id === id)) throw new PluginContractError(id, 'is registered twice');
    this.checkTexts(manifest);
    for (const r of manifest.routes) {
      this.claimId(id, r.id, 'route');
      if (r.path.startsWith('/')) throw new PluginContractError(id, `route "${r.id}" path must be relative`);
    }
    for (const r of manifest.routes) this.routesById.set(r.id, { pluginId: id, route: r });
    for (const n of manifest.nav) {
      this.claimId(id, n.id, 'nav entry');
      const target = this.routesById.get(n.routeId);
      if (!target || target.pluginId !== id) {
        throw new PluginContractError(id, `nav entry "${n.id}" points at unknown route "${n.routeId}"`);
      }
    }
    for (const a of manifest.actions) this.claimId(id, a.id, 'action');
    this.manifests.push(manifest);
  }

  plugins(): readonly ConsolePluginManifest[] {
    return this.manifests;
  }

  /** Every plugin's translations for `lang`, each under its plugin id (empty when a plugin lacks `lang`). */
  translations(lang: string): Record<string, PluginTranslation> {
    const out: Record<string, PluginTranslation> = {};
    for (const m of this.manifests) {
      const t = m.translations[lang];
      if (t) out[m.id] = t;
    }
    return out;
  }

  /** Angular routes for every plugin route, lazily loaded, in registration order. `title` is a translation key. */
  routes(): Routes {
    return this.manifests.flatMap((m) =>
      m.routes.map((r) => ({
        path: r.path,
        title: r.title,
        loadComponent: r.loadComponent,
        data: { routeId: r.id, pluginId: m.id, requiredPermission: r.requiredPermission ?? m.requiredPermission },
      })),
    );
  }

  /** Nav entries of all plugins, sorted by order then id, each with its route path. */
  nav(): ResolvedNavEntry[] {
    return this.manifests
      .flatMap((m) =>
        m.nav.map((n) => ({ ...n, pluginId: m.id, path: `/${this.routesById.get(n.routeId)?.route.path ?? ''}` })),
      )
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id));
  }

  /**
   * Absolute URL of a route by id, `:name` segments replaced by URL-encoded `params`; null when no
   * registered plugin has that route (so a view can link to another plugin's page only if it is
   * installed) or a parameter is missing.
   */
  path(routeId: string, params: Readonly<Record<string, string>> = {}): string | null {
    const route = this.routesById.get(routeId)?.route;
    if (!route) return null;
    const segments = route.path.split('/').map((s) => (s.startsWith(':') ? params[s.slice(1)] : s));
    if (segments.some((s) => s === undefined)) return null;
    return `/${segments.map((s) => encodeURIComponent(s ?? '')).join('/')}`;
  }

  /** Actions attached to `slot`, in registration order. */
  actionsFor<S extends ActionSlot>(slot: S): PluginAction<S>[] {
    return this.manifests.flatMap((m) =>
      m.actions.filter((a): a is PluginAction<S> & typeof a => a.slot === slot),
    ) as PluginAction<S>[];
  }

  /** Every text of the manifest is a key of the plugin's own translations with an English text. */
  private checkTexts(m: ConsolePluginManifest): void {
    const texts: [string, string][] = [
      ['title', m.title],
      ...m.routes.map((r): [string, string] => [`route "${r.id}" title`, r.title]),
      ...m.nav.map((n): [string, string] => [`nav entry "${n.id}" label`, n.label]),
      ...m.actions.map((a): [string, string] => [`action "${a.id}" label`, a.label]),
    ];
    for (const [what, key] of texts) {
      if (!key.startsWith(`${m.id}.`)) throw new PluginContractError(m.id, `${what} "${key}" must be a key starting with "${m.id}."`);
      if (typeof lookup(m.translations.en, key.slice(m.id.length + 1)) !== 'string') {
        throw new PluginContractError(m.id, `${what} "${key}" has no English text in the plugin's translations`);
      }
    }
  }

  private claimId(pluginId: string, id: string, what: string): void {
    if (!id.startsWith(`${pluginId}.`)) {
      throw new PluginContractError(pluginId, `${what} id "${id}" must start with "${pluginId}."`);
    }
    if (this.ids.has(id)) throw new PluginContractError(pluginId, `${what} id "${id}" is not unique`);
    this.ids.add(id);
  }
}

function lookup(tree: PluginTranslation | undefined, path: string): string | PluginTranslation | undefined {
  let node: string | PluginTranslation | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}
