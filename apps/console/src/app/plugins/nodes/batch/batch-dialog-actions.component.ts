import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { tk } from '../../../core/i18n/i18n-message';

/**
 * Footer of every batch dialog: Cancel, Dry run (submits `dryRun: true`: the API server computes
 * each node's change and saves nothing) and Apply. Test ids are `<prefix>-cancel|dry-run|submit`.
 */
/** Apply button text per verb ("Cordon 12 nodes"); `apply` = the generic "Apply to 12 nodes". */
const VERB_TEXT: Readonly<Record<BatchVerb, { one: string; other: string }>> = {
  apply: { one: tk('nodes.batch.apply.one'), other: tk('nodes.batch.apply.other') },
  cordon: { one: tk('nodes.batch.cordon.one'), other: tk('nodes.batch.cordon.other') },
  uncordon: { one: tk('nodes.batch.uncordon.one'), other: tk('nodes.batch.uncordon.other') },
};
export type BatchVerb = 'apply' | 'cordon' | 'uncordon';

/**
 * Footer of every batch dialog: Cancel, Dry run (submits `dryRun: true`: the API server computes
 * each node's change and saves nothing) and Apply. Test ids are `<prefix>-cancel|dry-run|submit`.
 * `focusApply` puts the initial focus on Apply (for dialogs with nothing to fill in, so Enter applies).
 */
@Component({
  selector: 'knm-batch-dialog-actions',
  imports: [MatButtonModule, MatDialogModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button mat-dialog-close [attr.data-testid]="prefix() + '-cancel'">{{ 'common.cancel' | transloco }}</button>
    <button
      mat-stroked-button
      (click)="apply.emit(true)"
      [disabled]="busy() || dryRunDisabled()"
      [matTooltip]="'nodes.batch.dryRunHint' | transloco"
      [attr.data-testid]="prefix() + '-dry-run'"
    >
      {{ 'nodes.batch.dryRun' | transloco }}
    </button>
    <button mat-flat-button (click)="apply.emit(false)" [disabled]="busy() || disabled()" [attr.data-testid]="prefix() + '-submit'"
      [attr.cdkFocusInitial]="focusApply() ? '' : null">
      {{ applyKey() | transloco: { count: count() } }}
    </button>
  `,
  styles: `:host { display: flex; gap: 8px; justify-content: flex-end; width: 100%; }`,
})
export class BatchDialogActionsComponent {
  /** Test id prefix, e.g. `taint`. */
  readonly prefix = input.required<string>();
  readonly count = input.required<number>();
  /** What the Apply button says before the node count. */
  readonly verb = input<BatchVerb>('apply');
  readonly focusApply = input(false);
  readonly busy = input(false);
  /** Apply is refused (invalid form, unconfirmed risk). */
  readonly disabled = input(false);
  /** Dry run is refused (invalid form). */
  readonly dryRunDisabled = input(false);
  /** true = dry run. */
  readonly apply = output<boolean>();
  protected readonly applyKey = computed(() => {
    const texts = VERB_TEXT[this.verb()];
    return this.count() === 1 ? texts.one : texts.other;
  });
}
