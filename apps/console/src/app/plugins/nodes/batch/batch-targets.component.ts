import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';
import { nodesText } from './batch-target';

/** Names what a batch dialog acts on: the selected nodes, or every node matching a selector. */
@Component({
  selector: 'knm-batch-targets',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="targets" data-testid="batch-targets">
      Cluster <b>{{ context().cluster }}</b>:
      @if (context().matching; as m) {
        <span data-testid="batch-targets-selector">
          all nodes matching <code>{{ m.selector }}</code> — {{ countText() }} right now. The server resolves the
          selector again when the task starts, so nodes added or relabelled meanwhile are included.
        </span>
      } @else {
        {{ names().slice(0, 6).join(', ') }}@if (names().length > 6) { and {{ names().length - 6 }} more }
      }
    </p>
  `,
  styles: `.targets { color: var(--mat-sys-on-surface-variant); margin: 0 0 8px; } code { font-weight: 600; }`,
})
export class BatchTargetsComponent {
  readonly context = input.required<NodeBatchContext>();
  protected readonly names = computed(() => this.context().nodes.map((n) => n.name));
  protected readonly countText = computed(() => nodesText(this.context().matching?.count ?? 0));
}
