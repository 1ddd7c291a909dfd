import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ErrorCode } from '@knm/contracts';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { BatchDialogActionsComponent } from './batch-dialog-actions.component';
import { BatchTargetsComponent } from './batch-targets.component';
import { BatchDialogBase } from './batch-dialog-base';
import { cordonParams, cordonReasonViolations, placeCordonViolations, type CordonFormErrors } from './cordon-form';

/**
 * Batch "Cordon" action: marks the target nodes unschedulable (as `kubectl cordon`), recording an
 * optional reason. Running pods are not touched. The server's 400 violations go on the reason field.
 */
@Component({
  selector: 'knm-cordon-dialog',
  imports: [
    MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule,
    ApiErrorPanelComponent, BatchDialogActionsComponent, BatchTargetsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Cordon {{ countText }}</h2>
    <mat-dialog-content>
      <knm-batch-targets [context]="context" />
      <p class="note">
        New pods will not be scheduled on these nodes. Pods already running keep running; draining is a separate step.
      </p>
      <mat-form-field subscriptSizing="dynamic" class="reason" [class.knm-invalid]="errors().reason.length">
        <mat-label>Reason (optional)</mat-label>
        <textarea matInput rows="2" [value]="reason()" (input)="editReason($any($event.target).value)"
          placeholder="Kernel upgrade, ticket OPS-1234" data-testid="cordon-reason"></textarea>
        @if (errors().reason.length) {
          <mat-hint class="knm-rule" data-testid="cordon-reason-error">{{ errors().reason.join('; ') }}</mat-hint>
        } @else {
          <mat-hint>Recorded on each node as the knm.io/cordon-reason annotation</mat-hint>
        }
      </mat-form-field>
      @for (rule of errors().form; track $index) {
        <div class="form-error" data-testid="cordon-form-error">{{ rule }}</div>
      }
      <knm-api-error-panel [error]="submitter.error()" />
      @if (submitter.busy()) { <mat-progress-bar mode="indeterminate" /> }
    </mat-dialog-content>
    <mat-dialog-actions>
      <knm-batch-dialog-actions prefix="cordon" [count]="count" verb="Cordon" [busy]="submitter.busy()" (apply)="submit($event)" />
    </mat-dialog-actions>
  `,
  styleUrl: './batch-dialog.scss',
})
export class CordonDialogComponent extends BatchDialogBase {
  protected readonly reason = signal('');
  private readonly serverErrors = signal<CordonFormErrors | null>(null);
  protected readonly errors = computed<CordonFormErrors>(() => {
    const local = cordonReasonViolations(this.reason());
    return local.length ? { reason: local, form: [] } : (this.serverErrors() ?? { reason: [], form: [] });
  });

  protected editReason(value: string): void {
    this.serverErrors.set(null);
    this.reason.set(value);
  }

  protected async submit(dryRun: boolean): Promise<void> {
    if (cordonReasonViolations(this.reason()).length) return;
    const error = await this.submitter.submit('cordon', cordonParams(this.reason()), dryRun);
    if (error?.code === ErrorCode.ValidationFailed && error.hasViolations) {
      this.serverErrors.set(placeCordonViolations(error.violations));
    }
  }
}
