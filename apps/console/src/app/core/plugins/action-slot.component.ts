import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { msg } from '../i18n/i18n-message';
import { NotificationService } from '../notifications/notification.service';
import { PermissionService } from './permission.service';
import { PLUGIN_REGISTRY } from './plugin-registry.provider';
import type { ActionOutcome, ActionSlot, ActionSlotContexts, PluginAction } from './plugin.types';

/** An action's outcome, with the action that produced it. */
export interface SlotActionOutcome extends ActionOutcome {
  actionId: string;
}

/**
 * Renders the actions every plugin attached to `slot` as buttons. `multiple` actions are enabled
 * for one or more selected items, single ones for exactly one. Clicking opens the action's
 * lazily loaded dialog with the slot context; its outcome is re-emitted.
 */
@Component({
  selector: 'knm-action-slot',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (action of actions(); track action.id) {
      <button
        mat-stroked-button
        [disabled]="!enabled(action)"
        (click)="open(action)"
        [attr.data-testid]="'action-' + action.id"
        [matTooltip]="(action.multiple ? 'actions.appliesToSelection' : 'actions.needsOneItem') | transloco"
      >
        <mat-icon [svgIcon]="action.icon" />
        {{ action.label | transloco }}
      </button>
    }
  `,
  styles: `:host { display: inline-flex; gap: 8px; flex-wrap: wrap; }`,
})
export class ActionSlotComponent<S extends ActionSlot> {
  private readonly registry = inject(PLUGIN_REGISTRY);
  private readonly permissions = inject(PermissionService);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotificationService);

  readonly slot = input.required<S>();
  readonly context = input.required<ActionSlotContexts[S]>();
  /** Number of selected items the context carries. */
  readonly selectionSize = input.required<number>();
  readonly outcome = output<SlotActionOutcome>();

  protected readonly actions = computed(() =>
    this.registry.actionsFor(this.slot()).filter((a) => this.permissions.has(a.requiredPermission)),
  );

  protected enabled(action: PluginAction<S>): boolean {
    const n = this.selectionSize();
    return action.multiple ? n >= 1 : n === 1;
  }

  /**
   * Opens the action's dialog. Its code is a lazily loaded chunk: when it cannot be downloaded (the
   * server is down, or a new version replaced the chunks) the user is told to reload, instead of
   * the click doing nothing. Clicking again retries the download.
   */
  protected async open(action: PluginAction<S>): Promise<void> {
    let component;
    try {
      component = await action.loadDialog();
    } catch (err) {
      console.error(`action ${action.id}: cannot load its dialog`, err);
      this.notify.reloadPrompt(msg('errors.chunk.dialog'));
      return;
    }
    const ref = this.dialog.open<unknown, ActionSlotContexts[S], ActionOutcome | undefined>(component, {
      data: this.context(),
      width: '720px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    const result = await firstValueFrom(ref.afterClosed());
    if (result) this.outcome.emit({ ...result, actionId: action.id });
  }
}
