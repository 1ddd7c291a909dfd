import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { BatchDialogActionsComponent } from './batch-dialog-actions.component';
import { BatchTargetsComponent } from './batch-targets.component';
import { BatchDialogBase } from './batch-dialog-base';

/** Batch "Uncordon" action: makes the target nodes schedulable again (as `kubectl uncordon`). */
@Component({
  selector: 'knm-uncordon-dialog',
  imports: [
    MatDialogModule, MatProgressBarModule, TranslocoPipe, I18nPipe, ApiErrorPanelComponent, BatchDialogActionsComponent,
    BatchTargetsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'nodes.uncordonDialog.title' | transloco: { nodes: (countText | i18n) } }}</h2>
    <mat-dialog-content>
      <knm-batch-targets [context]="context" />
      <p class="note">{{ 'nodes.uncordonDialog.note' | transloco }}</p>
      <knm-api-error-panel [error]="submitter.error()" />
      @if (submitter.busy()) { <mat-progress-bar mode="indeterminate" /> }
    </mat-dialog-content>
    <mat-dialog-actions>
      <!-- Nothing to fill in: focus starts on Uncordon, so Enter applies. -->
      <knm-batch-dialog-actions prefix="uncordon" [count]="count" verb="uncordon" [focusApply]="true"
        [busy]="submitter.busy()" (apply)="submit($event)" />
    </mat-dialog-actions>
  `,
  styleUrl: './batch-dialog.scss',
})
export class UncordonDialogComponent extends BatchDialogBase {

  protected async submit(dryRun: boolean): Promise<void> {
    await this.submitter.submit('uncordon', {}, dryRun);
  }
}
