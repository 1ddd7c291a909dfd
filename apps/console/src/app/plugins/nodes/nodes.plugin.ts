import { definePlugin } from '../../core/plugins/plugin.types';

const loadNodesPage = () => import('./nodes-page.component').then((m) => m.NodesPageComponent);

/** The Nodes page (live table per cluster) and the batch actions on selected nodes. */
export const nodesPlugin = definePlugin({
  id: 'nodes',
  title: 'Nodes',
  requiredPermission: 'nodes:read',
  routes: [
    { id: 'nodes.pick', path: 'nodes', title: 'Nodes', loadComponent: loadNodesPage },
    { id: 'nodes.list', path: 'clusters/:cluster/nodes', title: 'Nodes', loadComponent: loadNodesPage },
  ],
  nav: [{ id: 'nodes.nav', label: 'Nodes', icon: 'nodes', routeId: 'nodes.pick', order: 10 }],
  actions: [
    {
      id: 'nodes.labels',
      slot: 'nodes.batch',
      label: 'Labels',
      icon: 'label',
      multiple: true,
      requiredPermission: 'nodes:label',
      loadDialog: () => import('./label-dialog.component').then((m) => m.LabelDialogComponent),
    },
  ],
});
