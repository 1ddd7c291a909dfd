import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { NodePodSummary } from '@knm/contracts';
import { msg, type I18nMessage } from '../../../core/i18n/i18n-message';
import { I18nPipe } from '../../../core/i18n/i18n.pipe';
import { drainOutcome, drainText } from './drain-text';

/** Pod phases (core/v1 PodPhase) in words; a phase Kubernetes adds later is shown as written. */
const POD_PHASE_TEXT: Readonly<Record<string, I18nMessage>> = {
  Pending: msg('nodes.pods.phases.pending'),
  Running: msg('nodes.pods.phases.running'),
  Succeeded: msg('nodes.pods.phases.succeeded'),
  Failed: msg('nodes.pods.phases.failed'),
  Unknown: msg('nodes.pods.phases.unknown'),
};

function phaseText(phase: string): I18nMessage {
  return POD_PHASE_TEXT[phase] ?? msg('common.verbatim', { text: phase });
}

/** The pods bound to a node, with what a drain of the node would do to each (see drain-text.ts). */
@Component({
  selector: 'knm-node-pods-table',
  imports: [TranslocoPipe, I18nPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="knm-detail-table" data-testid="node-pods">
      <thead>
        <tr>
          <th>{{ 'nodes.pods.namespace' | transloco }}</th><th>{{ 'nodes.pods.name' | transloco }}</th>
          <th>{{ 'nodes.pods.owner' | transloco }}</th><th>{{ 'nodes.pods.phase' | transloco }}</th>
          <th>{{ 'nodes.pods.ifDrained' | transloco }}</th>
        </tr>
      </thead>
      <tbody>
        @for (p of rows(); track p.namespace + '/' + p.name) {
          <tr data-testid="node-pod-row" [attr.data-pod]="p.namespace + '/' + p.name">
            <td>{{ p.namespace }}</td>
            <td class="mono">{{ p.name }}</td>
            <td [title]="p.ownerName ?? ''">
              @if (p.ownerKind) { {{ p.ownerKind }} } @else { {{ 'nodes.pods.bare' | transloco }} }
            </td>
            <td [attr.data-phase]="p.phase">{{ p.phaseText | i18n }}</td>
            <td [attr.data-drain]="p.outcome" data-testid="node-pod-drain">{{ p.drainText | i18n }}</td>
          </tr>
        } @empty {
          <tr><td colspan="5" class="empty">{{ 'nodes.pods.none' | transloco }}</td></tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .mono { font-family: monospace; font-size: 12px; }
    [data-drain='block'] { color: var(--knm-warning); }
    [data-drain='skip'] { color: var(--mat-sys-on-surface-variant); }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class NodePodsTableComponent {
  readonly pods = input.required<readonly NodePodSummary[]>();
  protected readonly rows = computed(() =>
    [...this.pods()]
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
      .map((p) => ({ ...p, phaseText: phaseText(p.phase), outcome: drainOutcome(p.drain), drainText: drainText(p.drain) })),
  );
}
