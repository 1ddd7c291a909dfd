import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatTooltipModule } from '@angular/material/tooltip';
import { nodesText } from './batch-target';

/**
 * Footer of every batch dialog: Cancel, Dry run (submits `dryRun: true`: the API server computes
 * each node's change and saves nothing) and Apply. Test ids are `<prefix>-cancel|dry-run|submit`.
 */
@Component({
  selector: 'knm-batch-dialog-actions',
  imports: [MatButtonModule, MatDialogModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button mat-dialog-close [attr.data-testid]="prefix() + '-cancel'">Cancel</button>
    <button
      mat-stroked-button
      (click)="apply.emit(true)"
      [disabled]="busy() || dryRunDisabled()"
      matTooltip="Shows what would change on each node; nothing is changed"
      [attr.data-testid]="prefix() + '-dry-run'"
    >
      Dry run
    </button>
    <button mat-flat-button (click)="apply.emit(false)" [disabled]="busy() || disabled()" [attr.data-testid]="prefix() + '-submit'">
      {{ verb() }} {{ count() ? nodesText(count()) : 'nodes' }}
    </button>
  `,
  styles: `:host { display: flex; gap: 8px; justify-content: flex-end; width: 100%; }`,
})
export class BatchDialogActionsComponent {
  /** Test id prefix, e.g. `taint`. */
  readonly prefix = input.required<string>();
  readonly count = input.required<number>();
  /** Button text before the node count, e.g. "Cordon". */
  readonly verb = input('Apply to');
  readonly busy = input(false);
  /** Apply is refused (invalid form, unconfirmed risk). */
  readonly disabled = input(false);
  /** Dry run is refused (invalid form). */
  readonly dryRunDisabled = input(false);
  /** true = dry run. */
  readonly apply = output<boolean>();
  protected readonly nodesText = nodesText;
}
