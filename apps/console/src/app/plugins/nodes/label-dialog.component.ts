import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { ErrorCode } from '@knm/contracts';
import type { I18nMessage } from '../../core/i18n/i18n-message';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { EnterSubmitDirective } from '../../shared/dialogs/enter-submit.directive';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { BatchDialogActionsComponent } from './batch/batch-dialog-actions.component';
import { BatchTargetsComponent } from './batch/batch-targets.component';
import { BatchDialogBase } from './batch/batch-dialog-base';
import { placeServerViolations, validateLabelEdit, type LabelFormErrors, type LabelSetRow } from './label-form';

/**
 * Batch "Labels" action: add key=value pairs and remove keys on the target nodes (selected, or
 * all matching a selector). Validates with the contracts' rules before submit (rule shown next to
 * the field) and places the server's 400 violations the same way. Offers a dry run; Enter applies.
 * Closes with the created task's id.
 */
@Component({
  selector: 'knm-label-dialog',
  imports: [
    MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule,
    MatProgressBarModule, TranslocoPipe, I18nPipe, EnterSubmitDirective, ApiErrorPanelComponent,
    BatchDialogActionsComponent, BatchTargetsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './label-dialog.component.html',
  styleUrl: './label-dialog.component.scss',
})
export class LabelDialogComponent extends BatchDialogBase {

  protected readonly setRows = signal<LabelSetRow[]>([{ key: '', value: '' }]);
  protected readonly removeRows = signal<string[]>([]);
  protected readonly submitted = signal(false);
  private readonly serverErrors = signal<LabelFormErrors | null>(null);

  protected readonly validation = computed(() => validateLabelEdit({ set: this.setRows(), remove: this.removeRows() }));
  /** Client rules first, then the server's, per field. */
  protected readonly errors = computed<LabelFormErrors>(() => {
    const client = this.validation().errors;
    const server = this.serverErrors();
    if (!server) return client;
    return {
      set: client.set.map((e, i) => ({ key: [...e.key, ...(server.set[i]?.key ?? [])], value: [...e.value, ...(server.set[i]?.value ?? [])] })),
      remove: client.remove.map((e, i) => [...e, ...(server.remove[i] ?? [])]),
      form: [...client.form, ...server.form],
    };
  });

  /** Rules of a field, shown once the field has content or after a submit attempt. */
  protected shown(rules: readonly I18nMessage[] | undefined, content: string): readonly I18nMessage[] {
    return rules && (content !== '' || this.submitted()) ? rules : [];
  }

  protected editSet(index: number, field: keyof LabelSetRow, value: string): void {
    this.serverErrors.set(null);
    this.setRows.update((rows) => rows.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  }

  protected editRemove(index: number, value: string): void {
    this.serverErrors.set(null);
    this.removeRows.update((rows) => rows.map((r, i) => (i === index ? value : r)));
  }

  protected addSetRow(): void {
    this.setRows.update((rows) => [...rows, { key: '', value: '' }]);
  }

  protected addRemoveRow(): void {
    this.removeRows.update((rows) => [...rows, '']);
  }

  protected dropSetRow(index: number): void {
    this.setRows.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected dropRemoveRow(index: number): void {
    this.removeRows.update((rows) => rows.filter((_, i) => i !== index));
  }

  /** Enter submits a valid form; on an invalid one it shows every rule instead. */
  protected onEnter(): void {
    if (this.validation().valid) void this.submit(false);
    else this.submitted.set(true);
  }

  protected async submit(dryRun: boolean): Promise<void> {
    this.submitted.set(true);
    const { params } = this.validation();
    if (!params) return;
    const error = await this.submitter.submit('label', params, dryRun);
    if (error?.code === ErrorCode.ValidationFailed && error.hasViolations) {
      this.serverErrors.set(placeServerViolations({ set: this.setRows(), remove: this.removeRows() }, error.violations));
    }
  }
}
