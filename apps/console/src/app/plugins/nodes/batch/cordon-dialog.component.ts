import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorCode } from '@knm/contracts';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import { EnterSubmitDirective } from '../../../shared/dialogs/enter-submit.directive';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { BatchDialogActionsComponent } from './batch-dialog-actions.component';
import { BatchTargetsComponent } from './batch-targets.component';
import { BatchDialogBase } from './batch-dialog-base';
import { cordonParams, cordonReasonViolations, placeCordonViolations, type CordonFormErrors } from './cordon-form';

/**
 * Batch "Cordon" action: marks the target nodes unschedulable (as `kubectl cordon`), recording an
 * optional one-line reason. Running pods are not touched. The server's 400 violations go on the
 * reason field. Enter applies.
 */
@Component({
  selector: 'knm-cordon-dialog',
  imports: [
    MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslocoPipe, I18nPipe,
    EnterSubmitDirective, ApiErrorPanelComponent, BatchDialogActionsComponent, BatchTargetsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'nodes.cordonDialog.title' | transloco: { nodes: (countText | i18n) } }}</h2>
    <mat-dialog-content (knmEnterSubmit)="onEnter()">
      <knm-batch-targets [context]="context" />
      <p class="note">{{ 'nodes.cordonDialog.note' | transloco }}</p>
      <mat-form-field subscriptSizing="dynamic" class="reason" [class.knm-invalid]="errors().reason.length">
        <mat-label>{{ 'nodes.cordonDialog.reason' | transloco }}</mat-label>
        <input matInput [value]="reason()" (input)="editReason($any($event.target).value)"
          [placeholder]="'nodes.cordonDialog.reasonPlaceholder' | transloco" autocomplete="off" data-testid="cordon-reason" />
        @if (errors().reason.length) {
          <mat-hint class="knm-rule" data-testid="cordon-reason-error">{{ errors().reason | i18n }}</mat-hint>
        } @else {
          <mat-hint>{{ 'nodes.cordonDialog.reasonHint' | transloco }}</mat-hint>
        }
      </mat-form-field>
      @for (e of errors().form; track $index) {
        <div class="form-error" data-testid="cordon-form-error">
          @if (e.field) { <code>{{ e.field }}</code> } {{ e.rule | i18n }}
        </div>
      }
      <knm-api-error-panel [error]="submitter.error()" />
      @if (submitter.busy()) { <mat-progress-bar mode="indeterminate" /> }
    </mat-dialog-content>
    <mat-dialog-actions>
      <knm-batch-dialog-actions prefix="cordon" [count]="count" verb="cordon" [busy]="submitter.busy()" (apply)="submit($event)" />
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

  protected onEnter(): void {
    void this.submit(false);
  }

  protected async submit(dryRun: boolean): Promise<void> {
    if (cordonReasonViolations(this.reason()).length) return;
    const error = await this.submitter.submit('cordon', cordonParams(this.reason()), dryRun);
    if (error?.code === ErrorCode.ValidationFailed && error.hasViolations) {
      this.serverErrors.set(placeCordonViolations(error.violations));
    }
  }
}
