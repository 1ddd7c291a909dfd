import { definePlugin } from '../../core/plugins/plugin.types';
import en from './i18n/en.json';
import zhCN from './i18n/zh-CN.json';

/**
 * Task history: every batch task with its filters and paging, and one task's page with the live
 * progress panel, per-node results, cancel and retry. A task whose panel was hidden is found here.
 */
export const tasksPlugin = definePlugin({
  id: 'tasks',
  title: 'tasks.plugin.title',
  requiredPermission: 'tasks:read',
  translations: { en, 'zh-CN': zhCN },
  routes: [
    {
      id: 'tasks.list',
      path: 'tasks',
      title: 'tasks.plugin.title',
      loadComponent: () => import('./tasks-page.component').then((m) => m.TasksPageComponent),
    },
    {
      id: 'tasks.detail',
      path: 'tasks/:id',
      title: 'tasks.plugin.detailTitle',
      loadComponent: () => import('./task-detail-page.component').then((m) => m.TaskDetailPageComponent),
    },
  ],
  nav: [{ id: 'tasks.nav', label: 'tasks.plugin.nav', icon: 'history', routeId: 'tasks.list', order: 30 }],
  actions: [],
});
