import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import type { I18nMessage } from '../../core/i18n/i18n-message';

export interface ConfirmDialogData {
  title: I18nMessage;
  message: I18nMessage;
  confirmLabel: I18nMessage;
  /** Label of the button that dismisses (default: Cancel). */
  cancelLabel?: I18nMessage;
  /** Styles the confirm button as destructive. */
  destructive?: boolean;
}

/**
 * Yes/no question. Closes with `true` on confirm, `undefined` otherwise. Focus starts on the
 * dismiss button, so Enter on an unread question never confirms a destructive action.
 */
@Component({
  selector: 'knm-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, TranslocoPipe, I18nPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title data-testid="confirm-title">{{ data.title | i18n }}</h2>
    <mat-dialog-content data-testid="confirm-message">{{ data.message | i18n }}</mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close data-testid="confirm-cancel">
        {{ (data.cancelLabel?.key ?? 'common.cancel') | transloco: data.cancelLabel?.params }}
      </button>
      <button
        mat-flat-button
        [class.knm-destructive]="data.destructive"
        [mat-dialog-close]="true"
        data-testid="confirm-ok"
      >
        {{ data.confirmLabel | i18n }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialogComponent {
  readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}
