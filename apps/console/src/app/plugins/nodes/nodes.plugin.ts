import { definePlugin } from '../../core/plugins/plugin.types';

const loadNodesPage = () => import('./nodes-page.component').then((m) => m.NodesPageComponent);

/**
 * The Nodes page (live table per cluster), the node detail page, and the batch actions on
 * selected nodes (Rancher-style `multiple: true`, each a lazily loaded dialog).
 */
export const nodesPlugin = definePlugin({
  id: 'nodes',
  title: 'Nodes',
  requiredPermission: 'nodes:read',
  routes: [
    { id: 'nodes.pick', path: 'nodes', title: 'Nodes', loadComponent: loadNodesPage },
    { id: 'nodes.list', path: 'clusters/:cluster/nodes', title: 'Nodes', loadComponent: loadNodesPage },
    {
      id: 'nodes.detail',
      path: 'clusters/:cluster/nodes/:node',
      title: 'Node',
      loadComponent: () => import('./detail/node-detail-page.component').then((m) => m.NodeDetailPageComponent),
    },
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
    {
      id: 'nodes.taints',
      slot: 'nodes.batch',
      label: 'Taints',
      icon: 'taint',
      multiple: true,
      requiredPermission: 'nodes:taint',
      loadDialog: () => import('./batch/taint-dialog.component').then((m) => m.TaintDialogComponent),
    },
    {
      id: 'nodes.cordon',
      slot: 'nodes.batch',
      label: 'Cordon',
      icon: 'cordon',
      multiple: true,
      requiredPermission: 'nodes:cordon',
      loadDialog: () => import('./batch/cordon-dialog.component').then((m) => m.CordonDialogComponent),
    },
    {
      id: 'nodes.uncordon',
      slot: 'nodes.batch',
      label: 'Uncordon',
      icon: 'uncordon',
      multiple: true,
      requiredPermission: 'nodes:cordon',
      loadDialog: () => import('./batch/uncordon-dialog.component').then((m) => m.UncordonDialogComponent),
    },
  ],
});
