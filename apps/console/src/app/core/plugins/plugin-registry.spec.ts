import { CONSOLE_PLUGINS } from '../../app.plugins';
import { CORE_NAMESPACES } from '../i18n/translation-loader';
import { PluginContractError, PluginRegistry } from './plugin-registry';
import type { ConsolePluginManifest } from './plugin.types';

const noop = () => Promise.resolve(class {});

function plugin(over: Partial<ConsolePluginManifest> = {}): ConsolePluginManifest {
  return {
    id: 'demo',
    title: 'demo.title',
    translations: { en: { title: 'Demo', home: 'Home', alpha: 'Alpha' }, 'zh-CN': { title: '演示', home: '首页', alpha: '甲' } },
    routes: [{ id: 'demo.home', path: 'demo', title: 'demo.home', loadComponent: noop }],
    nav: [{ id: 'demo.nav', label: 'demo.title', icon: 'nodes', routeId: 'demo.home' }],
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
    languages: Object.keys(m.translations),
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

  it('resolves nav entries to their route paths, sorted by order then id', () => {
    const registry = new PluginRegistry([
      plugin(),
      plugin({
        id: 'alpha',
        title: 'alpha.title',
        translations: { en: { title: 'Alpha' } },
        routes: [{ id: 'alpha.home', path: 'alpha', title: 'alpha.title', loadComponent: noop }],
        nav: [{ id: 'alpha.nav', label: 'alpha.title', icon: 'nodes', routeId: 'alpha.home', order: 1 }],
      }),
    ]);
    expect(registry.nav().map((n) => [n.label, n.path])).toEqual([['alpha.title', '/alpha'], ['demo.title', '/demo']]);
  });

  it('serves each plugin its translations under its id, per language', () => {
    const registry = new PluginRegistry([plugin()]);
    expect([registry.translations('zh-CN')['demo'], registry.translations('fr')]).toEqual([
      { title: '演示', home: '首页', alpha: '甲' },
      {},
    ]);
  });

  it('rejects a manifest text that is not a key of its own translations', () => {
    expect(() => new PluginRegistry([plugin({ title: 'nodes.plugin.title' })])).toThrow(
      'title "nodes.plugin.title" must be a key starting with "demo."',
    );
  });

  it('rejects a manifest text without an English translation', () => {
    const bad = plugin({ nav: [{ id: 'demo.nav', label: 'demo.missing', icon: 'nodes', routeId: 'demo.home' }] });
    expect(() => new PluginRegistry([bad])).toThrow('nav entry "demo.nav" label "demo.missing" has no English text');
  });

  it('rejects a plugin id the console core uses as a translation namespace', () => {
    expect(() => new PluginRegistry([plugin({ id: 'common' })], CORE_NAMESPACES)).toThrow(
      new PluginContractError('common', 'id is reserved by the console core'),
    );
  });

  it('mounts routes with their title key (the title strategy translates it)', () => {
    expect(new PluginRegistry([plugin()]).routes()[0].title).toBe('demo.home');
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
    const bad = plugin({ nav: [{ id: 'demo.nav', label: 'demo.title', icon: 'nodes', routeId: 'nodes.list' }] });
    expect(() => new PluginRegistry([bad])).toThrow('nav entry "demo.nav" points at unknown route "nodes.list"');
  });

  it('rejects ids outside the plugin namespace', () => {
    const bad = plugin({ routes: [{ id: 'home', path: 'demo', title: 'demo.title', loadComponent: noop }], nav: [] });
    expect(() => new PluginRegistry([bad])).toThrow('route id "home" must start with "demo."');
  });

  it('rejects an absolute route path', () => {
    const bad = plugin({ routes: [{ id: 'demo.home', path: '/demo', title: 'demo.title', loadComponent: noop }], nav: [] });
    expect(() => new PluginRegistry([bad])).toThrow('route "demo.home" path must be relative');
  });
});
