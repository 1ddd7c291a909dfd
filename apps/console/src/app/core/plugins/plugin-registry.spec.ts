import { CONSOLE_PLUGINS } from '../../app.plugins';
import { PluginContractError, PluginRegistry } from './plugin-registry';
import type { ConsolePluginManifest } from './plugin.types';

const noop = () => Promise.resolve(class {});

function plugin(over: Partial<ConsolePluginManifest> = {}): ConsolePluginManifest {
  return {
    id: 'demo',
    title: 'Demo',
    routes: [{ id: 'demo.home', path: 'demo', title: 'Demo', loadComponent: noop }],
    nav: [{ id: 'demo.nav', label: 'Demo', icon: 'nodes', routeId: 'demo.home' }],
    actions: [],
    ...over,
  };
}

/** The serialisable shape of every built-in manifest: the public contract plugins rely on. */
function contractOf(manifests: readonly ConsolePluginManifest[]): unknown {
  return manifests.map((m) => ({
    id: m.id,
    title: m.title,
    requiredPermission: m.requiredPermission,
    routes: m.routes.map(({ id, path, title, requiredPermission, loadComponent }) => ({
      id, path, title, requiredPermission, lazy: typeof loadComponent,
    })),
    nav: m.nav,
    actions: m.actions.map(({ loadDialog, ...rest }) => ({ ...rest, lazy: typeof loadDialog })),
  }));
}

describe('plugin registry', () => {
  it('keeps the built-in plugin manifests stable (update the snapshot only on purpose)', () => {
    expect(contractOf(CONSOLE_PLUGINS)).toMatchSnapshot();
  });

  it('registers the built-in plugins through the public contract without errors', () => {
    expect(new PluginRegistry(CONSOLE_PLUGINS).plugins().map((p) => p.id)).toEqual(['nodes', 'clusters', 'tasks']);
  });

  it('mounts each plugin route lazily with its route id in the route data', () => {
    const routes = new PluginRegistry([plugin()]).routes();
    expect(routes.map((r) => ({ path: r.path, lazy: typeof r.loadComponent, data: r.data }))).toEqual([
      { path: 'demo', lazy: 'function', data: { routeId: 'demo.home', pluginId: 'demo', requiredPermission: undefined } },
    ]);
  });

  it('resolves nav entries to their route paths, sorted by order then label', () => {
    const registry = new PluginRegistry([
      plugin(),
      plugin({
        id: 'alpha',
        routes: [{ id: 'alpha.home', path: 'alpha', title: 'Alpha', loadComponent: noop }],
        nav: [{ id: 'alpha.nav', label: 'Alpha', icon: 'nodes', routeId: 'alpha.home', order: 1 }],
      }),
    ]);
    expect(registry.nav().map((n) => [n.label, n.path])).toEqual([['Alpha', '/alpha'], ['Demo', '/demo']]);
  });

  it('returns the actions attached to a slot, including multiple (batch) ones', () => {
    const registry = new PluginRegistry(CONSOLE_PLUGINS);
    expect(registry.actionsFor('nodes.batch').map((a) => [a.id, a.multiple])).toEqual([
      ['nodes.labels', true],
      ['nodes.taints', true],
      ['nodes.cordon', true],
      ['nodes.uncordon', true],
    ]);
  });

  it('resolves a route id to its URL with encoded parameters, or null when no plugin has it', () => {
    const registry = new PluginRegistry(CONSOLE_PLUGINS);
    expect([
      registry.path('tasks.detail', { id: 'a/b' }),
      registry.path('nodes.detail', { cluster: 'prod', node: 'n1' }),
      registry.path('nodes.detail', { cluster: 'prod' }),
      registry.path('drain.page'),
    ]).toEqual(['/tasks/a%2Fb', '/clusters/prod/nodes/n1', null, null]);
  });

  it('rejects a plugin registered twice', () => {
    expect(() => new PluginRegistry([plugin(), plugin()])).toThrow(new PluginContractError('demo', 'is registered twice'));
  });

  it('rejects a nav entry pointing at a route the plugin does not own', () => {
    const bad = plugin({ nav: [{ id: 'demo.nav', label: 'x', icon: 'nodes', routeId: 'nodes.list' }] });
    expect(() => new PluginRegistry([bad])).toThrow('nav entry "demo.nav" points at unknown route "nodes.list"');
  });

  it('rejects ids outside the plugin namespace', () => {
    const bad = plugin({ routes: [{ id: 'home', path: 'demo', title: 'Demo', loadComponent: noop }], nav: [] });
    expect(() => new PluginRegistry([bad])).toThrow('route id "home" must start with "demo."');
  });

  it('rejects an absolute route path', () => {
    const bad = plugin({ routes: [{ id: 'demo.home', path: '/demo', title: 'Demo', loadComponent: noop }], nav: [] });
    expect(() => new PluginRegistry([bad])).toThrow('route "demo.home" path must be relative');
  });
});
