import { inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';
import { nodesText, targetCount } from './batch-target';
import { BatchTaskSubmitter } from './batch-task-submitter';

/**
 * What every batch dialog (labels, taints, cordon, uncordon) starts from: the slot context it was
 * opened with (cluster + selected nodes or "all matching"), the task submitter, and the target
 * count with its wording. Subclasses add their form and call `submitter.submit(kind, params, dryRun)`.
 */
export abstract class BatchDialogBase {
  protected readonly context = inject<NodeBatchContext>(MAT_DIALOG_DATA);
  protected readonly submitter = new BatchTaskSubmitter(this.context);
  protected readonly count = targetCount(this.context);
  protected readonly countText = nodesText(this.count);
}
