import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import type { ApiError } from '../../core/api/api-error';
import { errorHeadline } from '../../core/api/api-error-text';
import { ruleMessage } from '../../core/i18n/rule-text';

/**
 * Shows an {@link ApiError} in place: the translated meaning of its code, the server's own message
 * (English detail, when the server answered), code, HTTP status, request id and every field
 * violation (rules translated when the console knows them).
 */
@Component({
  selector: 'knm-api-error-panel',
  imports: [MatIconModule, TranslocoPipe, I18nPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="knm-error" role="alert" data-testid="api-error">
        <mat-icon svgIcon="failed" />
        <div>
          <div class="headline" data-testid="api-error-headline">{{ headline()! | i18n }}</div>
          @if (e.status) { <div class="message" data-testid="api-error-message">{{ e.message }}</div> }
          <div class="meta">
            <code data-testid="api-error-code">{{ e.code }}</code>
            @if (e.status) { · {{ 'errors.panel.status' | transloco: { status: e.status } }} }
            @if (e.requestId) { · {{ 'errors.panel.requestId' | transloco: { id: e.requestId } }} }
          </div>
          @if (violations().length) {
            <ul class="violations" data-testid="api-error-violations">
              @for (v of violations(); track $index) {
                <li><code>{{ v.field }}</code> {{ v.rule | i18n }}</li>
              }
            </ul>
          }
        </div>
      </div>
    }
  `,
  styles: `
    .knm-error {
      display: flex; gap: 8px; padding: 8px 12px; border-radius: 8px;
      background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container);
    }
    .headline { font-weight: 500; }
    .meta { font-size: 12px; opacity: 0.85; }
    .violations { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
  `,
})
export class ApiErrorPanelComponent {
  readonly error = input<ApiError | null>(null);
  protected readonly headline = computed(() => {
    const e = this.error();
    return e ? errorHeadline(e) : null;
  });
  protected readonly violations = computed(() =>
    (this.error()?.violations ?? []).map((v) => ({ field: v.field, rule: ruleMessage(v.rule) })),
  );
}
