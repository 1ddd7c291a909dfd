import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorCode, TAINT_EFFECTS } from '@knm/contracts';
import type { I18nMessage } from '../../../core/i18n/i18n-message';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import { EnterSubmitDirective } from '../../../shared/dialogs/enter-submit.directive';
import { ApiErrorPanelComponent } from '../../../shared/errors/api-error-panel.component';
import { BatchDialogActionsComponent } from './batch-dialog-actions.component';
import { BatchTargetsComponent } from './batch-targets.component';
import { BatchDialogBase } from './batch-dialog-base';
import {
  mergeTaintErrors,
  placeTaintViolations,
  validateTaintEdit,
  type TaintAddRow,
  type TaintFormErrors,
  type TaintRemoveRow,
} from './taint-form';

/**
 * Batch "Taints" action: add key[=value]:effect taints and remove taints by key (optionally one
 * effect) on the target nodes. Validates with the contracts' rules before submit and places the
 * server's 400 violations on the fields. Adding a NoExecute taint evicts pods, so a real run needs
 * an explicit confirmation (a dry run does not). Enter applies a valid form.
 */
@Component({
  selector: 'knm-taint-dialog',
  imports: [
    MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule,
    MatProgressBarModule, MatSelectModule, TranslocoPipe, I18nPipe, EnterSubmitDirective, ApiErrorPanelComponent,
    BatchDialogActionsComponent, BatchTargetsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './taint-dialog.component.html',
  styleUrl: './batch-dialog.scss',
})
export class TaintDialogComponent extends BatchDialogBase {
  protected readonly effects = TAINT_EFFECTS;

  protected readonly addRows = signal<TaintAddRow[]>([{ key: '', value: '', effect: 'NoSchedule' }]);
  protected readonly removeRows = signal<TaintRemoveRow[]>([]);
  protected readonly evictionConfirmed = signal(false);
  protected readonly submitted = signal(false);
  private readonly serverErrors = signal<TaintFormErrors | null>(null);

  protected readonly validation = computed(() => validateTaintEdit({ add: this.addRows(), remove: this.removeRows() }));
  protected readonly errors = computed(() => mergeTaintErrors(this.validation().errors, this.serverErrors()));
  /** A real run adding NoExecute waits for the confirmation checkbox. */
  protected readonly needsConfirmation = computed(() => this.validation().evicts && !this.evictionConfirmed());

  /** Rules of a field, shown once it has content or after a submit attempt. */
  protected shown(rules: readonly I18nMessage[] | undefined, content: string): readonly I18nMessage[] | null {
    return rules?.length && (content !== '' || this.submitted()) ? rules : null;
  }

  protected editAdd(index: number, change: Partial<TaintAddRow>): void {
    this.serverErrors.set(null);
    this.addRows.update((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  }

  protected editRemove(index: number, change: Partial<TaintRemoveRow>): void {
    this.serverErrors.set(null);
    this.removeRows.update((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  }

  protected addAddRow(): void {
    this.addRows.update((rows) => [...rows, { key: '', value: '', effect: 'NoSchedule' }]);
  }

  protected addRemoveRow(): void {
    this.removeRows.update((rows) => [...rows, { key: '', effect: '' }]);
  }

  protected dropAddRow(index: number): void {
    this.addRows.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected dropRemoveRow(index: number): void {
    this.removeRows.update((rows) => rows.filter((_, i) => i !== index));
  }

  /** Enter applies a valid form (NoExecute still needs its confirmation); otherwise shows the rules. */
  protected onEnter(): void {
    if (this.validation().valid && !this.needsConfirmation()) void this.submit(false);
    else this.submitted.set(true);
  }

  protected async submit(dryRun: boolean): Promise<void> {
    this.submitted.set(true);
    const { params } = this.validation();
    if (!params || (!dryRun && this.needsConfirmation())) return;
    const error = await this.submitter.submit('taint', params, dryRun);
    if (error?.code === ErrorCode.ValidationFailed && error.hasViolations) {
      this.serverErrors.set(placeTaintViolations({ add: this.addRows(), remove: this.removeRows() }, error.violations));
    }
  }
}
