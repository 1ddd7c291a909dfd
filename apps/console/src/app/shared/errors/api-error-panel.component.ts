import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ApiError } from '../../core/api/api-error';

/** Shows an {@link ApiError} in place: message, code, request id and every field violation. */
@Component({
  selector: 'knm-api-error-panel',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      <div class="knm-error" role="alert" data-testid="api-error">
        <mat-icon svgIcon="failed" />
        <div>
          <div class="message" data-testid="api-error-message">{{ e.message }}</div>
          <div class="meta">
            <code data-testid="api-error-code">{{ e.code }}</code>
            @if (e.status) { · HTTP {{ e.status }} }
            @if (e.requestId) { · request {{ e.requestId }} }
          </div>
          @if (e.violations.length) {
            <ul class="violations" data-testid="api-error-violations">
              @for (v of e.violations; track $index) {
                <li><code>{{ v.field }}</code> {{ v.rule }}</li>
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
    .message { font-weight: 500; }
    .meta { font-size: 12px; opacity: 0.85; }
    .violations { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
  `,
})
export class ApiErrorPanelComponent {
  readonly error = input<ApiError | null>(null);
}
