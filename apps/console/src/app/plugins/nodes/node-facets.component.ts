import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Params } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import type { NodeFacets } from '@knm/contracts';
import { NODE_READINESS, filterParams, type NodeListView } from './node-list-query';
import { READINESS_TEXT } from './node-text';

/**
 * Facet filters of the node table: readiness, scheduling (cordoned / schedulable), role, taint.
 * Options and counts come from the `facets` of the list answer (counts within the current
 * filters, moved by live changes); choices are emitted as URL query changes, the page owns the URL.
 */
@Component({
  selector: 'knm-node-facets',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, I18nPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>{{ 'nodes.facets.status' | transloco }}</mat-label>
      <mat-select [value]="view().readiness ?? ''" (selectionChange)="changed.emit(filter('readiness', $event.value))" data-testid="facet-readiness">
        <mat-option value="">{{ 'nodes.facets.anyStatus' | transloco }}</mat-option>
        @for (r of readiness; track r.value) {
          <mat-option [value]="r.value" [attr.data-testid]="'facet-readiness-' + r.value">
            {{ 'nodes.facets.withCount' | transloco: { label: (r.label | i18n), count: facets()?.readiness?.[r.value] ?? 0 } }}
          </mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>{{ 'nodes.facets.scheduling' | transloco }}</mat-label>
      <mat-select [value]="scheduling()" (selectionChange)="changed.emit(filter('cordoned', $event.value))" data-testid="facet-scheduling">
        <mat-option value="">{{ 'nodes.facets.any' | transloco }}</mat-option>
        <mat-option value="true" data-testid="facet-scheduling-cordoned">
          {{ 'nodes.facets.withCount' | transloco: { label: ('nodes.scheduling.cordoned' | transloco), count: facets()?.cordoned ?? 0 } }}
        </mat-option>
        <mat-option value="false" data-testid="facet-scheduling-schedulable">
          {{ 'nodes.facets.withCount' | transloco: { label: ('nodes.scheduling.schedulable' | transloco), count: schedulable() } }}
        </mat-option>
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>{{ 'nodes.facets.role' | transloco }}</mat-label>
      <mat-select [value]="view().role" (selectionChange)="changed.emit(filter('role', $event.value))" data-testid="facet-role">
        <mat-option value="">{{ 'nodes.facets.anyRole' | transloco }}</mat-option>
        @for (r of roles(); track r.name) {
          <mat-option [value]="r.name" [attr.data-testid]="'facet-role-' + r.name">
            {{ 'nodes.facets.withCount' | transloco: { label: r.name, count: r.count } }}
          </mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet taint">
      <mat-label>{{ 'nodes.facets.taint' | transloco }}</mat-label>
      <input matInput [value]="taintDraft()" (input)="taintDraft.set($any($event.target).value)"
        (keydown.enter)="applyTaint()" (blur)="applyTaint()" [placeholder]="'nodes.facets.taintPlaceholder' | transloco" autocomplete="off"
        data-testid="facet-taint" />
    </mat-form-field>
    @if (active()) {
      <button mat-button (click)="clearAll()" data-testid="facet-clear">{{ 'common.clearFilters' | transloco }}</button>
    }
  `,
  styles: `
    :host { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
    .facet { width: 170px; }
    .facet.taint { width: 220px; }
  `,
})
export class NodeFacetsComponent {
  readonly view = input.required<NodeListView>();
  readonly facets = input.required<NodeFacets | null>();
  /** Nodes in the filtered set (for the schedulable count). */
  readonly total = input.required<number>();
  readonly changed = output<Params>();

  protected readonly readiness = NODE_READINESS.map((value) => ({ value, label: READINESS_TEXT[value] }));
  protected readonly taintDraft = linkedSignal(() => this.view().taint);
  protected readonly scheduling = computed(() => (this.view().cordoned === null ? '' : String(this.view().cordoned)));
  protected readonly schedulable = computed(() => Math.max(0, this.total() - (this.facets()?.cordoned ?? 0)));
  protected readonly roles = computed(() => {
    const roles = { ...(this.facets()?.roles ?? {}) };
    const chosen = this.view().role;
    if (chosen && !(chosen in roles)) roles[chosen] = 0;
    return Object.entries(roles)
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly active = computed(() => {
    const v = this.view();
    return v.readiness !== null || v.cordoned !== null || v.role !== '' || v.taint !== '';
  });

  protected filter(name: 'readiness' | 'cordoned' | 'role', value: string): Params {
    return filterParams(name, value);
  }

  protected applyTaint(): void {
    const value = this.taintDraft().trim();
    if (value !== this.view().taint) this.changed.emit(filterParams('taint', value));
  }

  protected clearAll(): void {
    this.changed.emit({ readiness: null, cordoned: null, role: null, taint: null, page: null });
  }
}
