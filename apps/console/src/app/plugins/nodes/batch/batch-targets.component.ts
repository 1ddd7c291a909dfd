import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';
import { nodesText } from './batch-target';

/** Names what a batch dialog acts on: the selected nodes, or every node matching a selector. */
@Component({
  selector: 'knm-batch-targets',
  imports: [TranslocoPipe, I18nPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="targets" data-testid="batch-targets">
      @if (context().matching; as m) {
        <span data-testid="batch-targets-selector">
          {{ 'nodes.batch.targetsSelectorBefore' | transloco: { cluster: context().cluster } }}
          <code>{{ m.selector }}</code>
          {{ 'nodes.batch.targetsSelectorAfter' | transloco: { nodes: (countText() | i18n) } }}
        </span>
      } @else {
        {{ 'nodes.batch.targetsNodes' | transloco: { cluster: context().cluster, names: shownNames() } }}
        @if (names().length > shown) { {{ 'nodes.batch.andMore' | transloco: { count: names().length - shown } }} }
      }
    </p>
  `,
  styles: `.targets { color: var(--mat-sys-on-surface-variant); margin: 0 0 8px; } code { font-weight: 600; }`,
})
export class BatchTargetsComponent {
  readonly context = input.required<NodeBatchContext>();
  protected readonly shown = 6;
  protected readonly names = computed(() => this.context().nodes.map((n) => n.name));
  protected readonly shownNames = computed(() => this.names().slice(0, this.shown).join(', '));
  protected readonly countText = computed(() => nodesText(this.context().matching?.count ?? 0));
}
