import { definePlugin } from '../../core/plugins/plugin.types';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

const loadNodesPage = () => import('./nodes-page.component').then((m) => m.NodesPageComponent);

/**
 * The Nodes page (live table per cluster), the node detail page, and the batch actions on
 * selected nodes (Rancher-style `multiple: true`, each a lazily loaded dialog).
 */
export const nodesPlugin = definePlugin({
  id: 'nodes',
  title: 'nodes.plugin.title',
  requiredPermission: 'nodes:read',
  translations: { en, 'zh-CN': zhCN },
  routes: [
    { id: 'nodes.pick', path: 'nodes', title: 'nodes.plugin.title', loadComponent: loadNodesPage },
    { id: 'nodes.list', path: 'clusters/:cluster/nodes', title: 'nodes.plugin.title', loadComponent: loadNodesPage },
    {
      id: 'nodes.detail',
      path: 'clusters/:cluster/nodes/:node',
      title: 'nodes.plugin.detailTitle',
      loadComponent: () => import('./detail/node-detail-page.component').then((m) => m.NodeDetailPageComponent),
    },
  ],
  nav: [{ id: 'nodes.nav', label: 'nodes.plugin.nav', icon: 'nodes', routeId: 'nodes.pick', order: 10 }],
  actions: [
    {
      id: 'nodes.labels',
      slot: 'nodes.batch',
      label: 'nodes.plugin.actions.labels',
      icon: 'label',
      multiple: true,
      requiredPermission: 'nodes:label',
      loadDialog: () => import('./label-dialog.component').then((m) => m.LabelDialogComponent),
    },
    {
      id: 'nodes.taints',
      slot: 'nodes.batch',
      label: 'nodes.plugin.actions.taints',
      icon: 'taint',
      multiple: true,
      requiredPermission: 'nodes:taint',
      loadDialog: () => import('./batch/taint-dialog.component').then((m) => m.TaintDialogComponent),
    },
    {
      id: 'nodes.cordon',
      slot: 'nodes.batch',
      label: 'nodes.plugin.actions.cordon',
      icon: 'cordon',
      multiple: true,
      requiredPermission: 'nodes:cordon',
      loadDialog: () => import('./batch/cordon-dialog.component').then((m) => m.CordonDialogComponent),
    },
    {
      id: 'nodes.uncordon',
      slot: 'nodes.batch',
      label: 'nodes.plugin.actions.uncordon',
      icon: 'uncordon',
      multiple: true,
      requiredPermission: 'nodes:cordon',
      loadDialog: () => import('./batch/uncordon-dialog.component').then((m) => m.UncordonDialogComponent),
    },
  ],
});
