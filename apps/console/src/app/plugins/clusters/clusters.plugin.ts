import { definePlugin } from '../../core/plugins/plugin.types';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

/** Registered clusters: list, register from a kubeconfig, delete. */
export const clustersPlugin = definePlugin({
  id: 'clusters',
  title: 'clusters.plugin.title',
  requiredPermission: 'clusters:read',
  translations: { en, 'zh-CN': zhCN },
  routes: [
    {
      id: 'clusters.list',
      path: 'clusters',
      title: 'clusters.plugin.title',
      loadComponent: () => import('./clusters-page.component').then((m) => m.ClustersPageComponent),
    },
  ],
  nav: [{ id: 'clusters.nav', label: 'clusters.plugin.nav', icon: 'clusters', routeId: 'clusters.list', order: 20 }],
  actions: [],
});
