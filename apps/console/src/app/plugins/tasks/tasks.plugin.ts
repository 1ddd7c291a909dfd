import { definePlugin } from '../../core/plugins/plugin.types';

/**
 * Task history: every batch task with its filters and paging, and one task's page with the live
 * progress panel, per-node results, cancel and retry. A task whose panel was hidden is found here.
 */
export const tasksPlugin = definePlugin({
  id: 'tasks',
  title: 'Tasks',
  requiredPermission: 'tasks:read',
  routes: [
    {
      id: 'tasks.list',
      path: 'tasks',
      title: 'Tasks',
      loadComponent: () => import('./tasks-page.component').then((m) => m.TasksPageComponent),
    },
    {
      id: 'tasks.detail',
      path: 'tasks/:id',
      title: 'Task',
      loadComponent: () => import('./task-detail-page.component').then((m) => m.TaskDetailPageComponent),
    },
  ],
  nav: [{ id: 'tasks.nav', label: 'Tasks', icon: 'history', routeId: 'tasks.list', order: 30 }],
  actions: [],
});
