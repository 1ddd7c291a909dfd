import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { NodePodSummary } from '@knm/contracts';
import { drainText } from './drain-text';

/** The pods bound to a node, with whether a drain could evict each one and why not. */
@Component({
  selector: 'knm-node-pods-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="knm-detail-table" data-testid="node-pods">
      <thead>
        <tr><th>Namespace</th><th>Name</th><th>Owner</th><th>Phase</th><th>Drain</th></tr>
      </thead>
      <tbody>
        @for (p of rows(); track p.namespace + '/' + p.name) {
          <tr data-testid="node-pod-row" [attr.data-pod]="p.namespace + '/' + p.name">
            <td>{{ p.namespace }}</td>
            <td class="mono">{{ p.name }}</td>
            <td [title]="p.ownerName ?? ''">{{ p.ownerKind ?? 'none (bare pod)' }}</td>
            <td>{{ p.phase }}</td>
            <td [class.blocked]="!p.drain.evictable || p.drain.requires.length" data-testid="node-pod-drain">{{ p.drainText }}</td>
          </tr>
        } @empty {
          <tr><td colspan="5" class="empty">No pods on this node.</td></tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .mono { font-family: monospace; font-size: 12px; }
    .blocked { color: #8a5300; }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class NodePodsTableComponent {
  readonly pods = input.required<readonly NodePodSummary[]>();
  protected readonly rows = computed(() =>
    [...this.pods()]
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
      .map((p) => ({ ...p, drainText: drainText(p.drain) })),
  );
}
