import type { ConsolePluginManifest } from './core/plugins/plugin.types';
import { clustersPlugin } from './plugins/clusters/clusters.plugin';
import { nodesPlugin } from './plugins/nodes/nodes.plugin';
import { tasksPlugin } from './plugins/tasks/tasks.plugin';

/**
 * The plugins this console is built with. Built-in features use the same contract as third-party
 * ones; adding a feature means adding its manifest here and nothing else.
 */
export const CONSOLE_PLUGINS: readonly ConsolePluginManifest[] = [nodesPlugin, clustersPlugin, tasksPlugin];
