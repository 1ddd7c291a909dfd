import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  ApiRoutes,
  dns1123LabelViolations,
  type ClusterResponse,
  type ClusterTestResponse,
  type CreateClusterRequest,
} from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';

function clusterNameValidator(control: AbstractControl<string>): ValidationErrors | null {
  const rules = dns1123LabelViolations(control.value ?? '');
  return rules.length ? { rules } : null;
}

/**
 * Registers a cluster from pasted kubeconfig text (and an optional context). "Test connection"
 * asks the API to connect without saving. Closes with the created {@link ClusterResponse}.
 */
@Component({
  selector: 'knm-register-cluster-dialog',
  imports: [
    ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule,
    MatProgressBarModule, ApiErrorPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Register cluster</h2>
    <mat-dialog-content>
      <form [formGroup]="form" class="form" (ngSubmit)="register()" id="register-cluster-form">
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" data-testid="cluster-name" autocomplete="off" />
          <mat-hint>Lowercase letters, digits and '-', e.g. prod-eu-1</mat-hint>
          @if (form.controls.name.errors?.['rules']; as rules) {
            <mat-error data-testid="cluster-name-error">{{ rules.join('; ') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Kubeconfig (YAML)</mat-label>
          <textarea matInput formControlName="kubeconfig" rows="10" class="mono" data-testid="cluster-kubeconfig"></textarea>
          <mat-hint>Stored encrypted; never shown again.</mat-hint>
          @if (form.controls.kubeconfig.hasError('required')) { <mat-error>Paste a kubeconfig</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Context (optional)</mat-label>
          <input matInput formControlName="context" data-testid="cluster-context" autocomplete="off" />
          <mat-hint>Defaults to the kubeconfig's current-context</mat-hint>
        </mat-form-field>
      </form>
      @if (busy()) { <mat-progress-bar mode="indeterminate" /> }
      @if (tested(); as t) {
        <div class="tested" data-testid="cluster-test-result">
          Connected to <code>{{ t.server }}</code> (context {{ t.context }}): Kubernetes {{ t.kubernetesVersion }}, {{ t.nodeCount }} nodes.
        </div>
      }
      <knm-api-error-panel [error]="error()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>Cancel</button>
      <button mat-stroked-button (click)="test()" [disabled]="busy() || form.invalid" data-testid="cluster-test">Test connection</button>
      <button mat-flat-button type="submit" form="register-cluster-form" [disabled]="busy() || form.invalid" data-testid="cluster-register-submit">
        Register
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 8px; min-width: 480px; }
    .mono { font-family: ui-monospace, monospace; font-size: 12px; }
    .tested { margin: 8px 0; color: #2e7d32; }
  `,
})
export class RegisterClusterDialogComponent {
  private readonly api = inject(ApiClient);
  private readonly ref = inject<MatDialogRef<RegisterClusterDialogComponent, ClusterResponse>>(MatDialogRef);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [clusterNameValidator] }),
    kubeconfig: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    context: new FormControl('', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly tested = signal<ClusterTestResponse | null>(null);

  protected async test(): Promise<void> {
    await this.run(async () => this.tested.set(await this.api.post<ClusterTestResponse>(ApiRoutes.clusterTest(), this.request())));
  }

  protected async register(): Promise<void> {
    if (this.form.invalid) return;
    await this.run(async () => this.ref.close(await this.api.post<ClusterResponse>(ApiRoutes.clusters(), this.request())));
  }

  private request(): CreateClusterRequest {
    const { name, kubeconfig, context } = this.form.getRawValue();
    return { name, kubeconfig, ...(context.trim() ? { context: context.trim() } : {}) };
  }

  private async run(call: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.tested.set(null);
    try {
      await call();
    } catch (err) {
      this.error.set(toApiError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
