import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import type { NodeSortField, NodeSummary, Taint } from '@knm/contracts';
import type { I18nMessage } from '../../core/i18n/i18n-message';
import { AgePipe, DateTimePipe } from '../../shared/format/format.pipes';
import type { RowSelection } from '../../shared/table/row-selection';
import { READINESS_TEXT } from './node-text';

/** Labels shown as chips before "+N"; the rest are in the tooltip. */
const VISIBLE_LABELS = 2;
const VISIBLE_TAINTS = 2;
/** Well-known prefixes sort after the operator's own labels, which are what people look for. */
const SYSTEM_LABEL_RE = /(^|\.)(kubernetes\.io|k8s\.io)\//;

interface NodeRowView {
  node: NodeSummary;
  readiness: I18nMessage;
  labels: string[];
  hiddenLabels: string[];
  taints: string[];
  hiddenTaints: string[];
}

function labelText([key, value]: [string, string]): string {
  return value === '' ? key : `${key}=${value}`;
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Sorts the operator's labels first, then well-known ones, each alphabetically. */
export function orderLabels(labels: Record<string, string>): string[] {
  return Object.entries(labels)
    .sort(([a], [b]) => Number(SYSTEM_LABEL_RE.test(a)) - Number(SYSTEM_LABEL_RE.test(b)) || a.localeCompare(b))
    .map(labelText);
}

/**
 * The dense node table with a checkbox column; selection lives in the page's RowSelection. Name,
 * status and age headers sort on the server: the table shows `sort`/`order` and emits changes.
 * Node names link to the node detail page.
 */
@Component({
  selector: 'knm-node-table',
  imports: [MatCheckboxModule, MatSortModule, MatTableModule, MatTooltipModule, RouterLink, TranslocoPipe, I18nPipe, AgePipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './node-table.component.html',
  styleUrl: './node-table.component.scss',
})
export class NodeTableComponent {
  readonly nodes = input.required<readonly NodeSummary[]>();
  readonly selection = input.required<RowSelection>();
  readonly loaded = input(true);
  readonly cluster = input.required<string>();
  readonly sort = input<NodeSortField | null>(null);
  readonly order = input<'asc' | 'desc' | null>(null);
  readonly sortChange = output<Sort>();

  protected readonly columns = ['select', 'name', 'status', 'roles', 'schedulable', 'labels', 'taints', 'version', 'age'];
  protected readonly pageNames = computed(() => this.nodes().map((n) => n.name));
  protected readonly rows = computed<NodeRowView[]>(() =>
    this.nodes().map((node) => {
      const labels = orderLabels(node.labels);
      const taints = node.taints.map(taintText);
      return {
        node,
        readiness: READINESS_TEXT[node.readiness],
        labels: labels.slice(0, VISIBLE_LABELS),
        hiddenLabels: labels.slice(VISIBLE_LABELS),
        taints: taints.slice(0, VISIBLE_TAINTS),
        hiddenTaints: taints.slice(VISIBLE_TAINTS),
      };
    }),
  );

  protected trackRow(_: number, row: NodeRowView): string {
    return row.node.name;
  }
}
