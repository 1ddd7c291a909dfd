import { definePlugin } from '../../core/plugins/plugin.types';

/** Registered clusters: list, register from a kubeconfig, delete. */
export const clustersPlugin = definePlugin({
  id: 'clusters',
  title: 'Clusters',
  requiredPermission: 'clusters:read',
  routes: [
    {
      id: 'clusters.list',
      path: 'clusters',
      title: 'Clusters',
      loadComponent: () => import('./clusters-page.component').then((m) => m.ClustersPageComponent),
    },
  ],
  nav: [{ id: 'clusters.nav', label: 'Clusters', icon: 'clusters', routeId: 'clusters.list', order: 20 }],
  actions: [],
});
