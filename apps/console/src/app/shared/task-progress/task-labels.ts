import type { NodeResultStatus, TaskKind, TaskStatus } from '@knm/contracts';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';

/*
 * Words for the task values the API returns (Records, so a new value in the contracts fails to
 * compile until it has a text). The raw value stays in data-* attributes and URLs.
 */

export const TASK_STATUS_TEXT: Readonly<Record<TaskStatus, I18nMessage>> = {
  pending: msg('task.status.pending'),
  running: msg('task.status.running'),
  succeeded: msg('task.status.succeeded'),
  failed: msg('task.status.failed'),
  cancelled: msg('task.status.cancelled'),
};

export const TASK_KIND_TEXT: Readonly<Record<TaskKind, I18nMessage>> = {
  label: msg('task.kind.label'),
  taint: msg('task.kind.taint'),
  cordon: msg('task.kind.cordon'),
  uncordon: msg('task.kind.uncordon'),
};

export const NODE_RESULT_TEXT: Readonly<Record<NodeResultStatus, I18nMessage>> = {
  pending: msg('task.nodeStatus.pending'),
  running: msg('task.nodeStatus.running'),
  succeeded: msg('task.nodeStatus.succeeded'),
  failed: msg('task.nodeStatus.failed'),
  skipped: msg('task.nodeStatus.skipped'),
  cancelled: msg('task.nodeStatus.cancelled'),
};
