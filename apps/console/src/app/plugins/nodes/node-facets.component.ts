import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { NodeFacets } from '@knm/contracts';
import type { Params } from '@angular/router';
import { NODE_READINESS, filterParams, type NodeListView } from './node-list-query';

/**
 * Facet filters of the node table: readiness, scheduling (cordoned / schedulable), role, taint.
 * Options and counts come from the `facets` of the list answer (counts within the current
 * filters); choices are emitted as URL query changes, the page owns the URL.
 */
@Component({
  selector: 'knm-node-facets',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>Status</mat-label>
      <mat-select [value]="view().readiness ?? ''" (selectionChange)="changed.emit(filter('readiness', $event.value))" data-testid="facet-readiness">
        <mat-option value="">Any status</mat-option>
        @for (r of readiness; track r) {
          <mat-option [value]="r" [attr.data-testid]="'facet-readiness-' + r">{{ r }} ({{ facets()?.readiness?.[r] ?? 0 }})</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>Scheduling</mat-label>
      <mat-select [value]="scheduling()" (selectionChange)="changed.emit(filter('cordoned', $event.value))" data-testid="facet-scheduling">
        <mat-option value="">Any</mat-option>
        <mat-option value="true" data-testid="facet-scheduling-cordoned">Cordoned ({{ facets()?.cordoned ?? 0 }})</mat-option>
        <mat-option value="false" data-testid="facet-scheduling-schedulable">Schedulable ({{ schedulable() }})</mat-option>
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet">
      <mat-label>Role</mat-label>
      <mat-select [value]="view().role" (selectionChange)="changed.emit(filter('role', $event.value))" data-testid="facet-role">
        <mat-option value="">Any role</mat-option>
        @for (r of roles(); track r.name) {
          <mat-option [value]="r.name" [attr.data-testid]="'facet-role-' + r.name">{{ r.name }} ({{ r.count }})</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="facet taint">
      <mat-label>Taint</mat-label>
      <input matInput [value]="taintDraft()" (input)="taintDraft.set($any($event.target).value)"
        (keydown.enter)="applyTaint()" (blur)="applyTaint()" placeholder="key or key:NoSchedule" autocomplete="off"
        data-testid="facet-taint" />
    </mat-form-field>
    @if (active()) {
      <button mat-button (click)="clearAll()" data-testid="facet-clear">Clear filters</button>
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

  protected readonly readiness = NODE_READINESS;
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
