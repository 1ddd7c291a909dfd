import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ApiRoutes,
  dns1123LabelViolations,
  type ClusterResponse,
  type ClusterTestResponse,
  type CreateClusterRequest,
} from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { ruleMessages } from '../../core/i18n/rule-text';
import { EnterSubmitDirective } from '../../shared/dialogs/enter-submit.directive';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';

function clusterNameValidator(control: AbstractControl<string>): ValidationErrors | null {
  const rules = dns1123LabelViolations(control.value ?? '');
  return rules.length ? { rules: ruleMessages(rules) } : null;
}

/**
 * What `POST clusters/test` takes: the connection part of a registration (kubeconfig and context),
 * never the name: the API refuses unknown properties (400 "property name should not exist").
 */
export type ClusterConnectionRequest = Omit<CreateClusterRequest, 'name'>;

/**
 * Registers a cluster from pasted kubeconfig text (and an optional context). "Test connection"
 * asks the API to connect without saving. Enter in a field registers (the kubeconfig textarea keeps
 * Enter for new lines; Ctrl+Enter there). Closes with the created {@link ClusterResponse}.
 */
@Component({
  selector: 'knm-register-cluster-dialog',
  imports: [
    ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule,
    MatProgressBarModule, TranslocoPipe, I18nPipe, EnterSubmitDirective, ApiErrorPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'clusters.register.title' | transloco }}</h2>
    <mat-dialog-content (knmEnterSubmit)="register()">
      <form [formGroup]="form" class="form" (ngSubmit)="register()" id="register-cluster-form">
        <mat-form-field>
          <mat-label>{{ 'clusters.register.name' | transloco }}</mat-label>
          <input matInput formControlName="name" data-testid="cluster-name" autocomplete="off" />
          <mat-hint>{{ 'clusters.register.nameHint' | transloco }}</mat-hint>
          @if (form.controls.name.errors?.['rules']; as rules) {
            <mat-error data-testid="cluster-name-error">{{ rules | i18n }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'clusters.register.kubeconfig' | transloco }}</mat-label>
          <textarea matInput formControlName="kubeconfig" rows="10" class="mono" data-testid="cluster-kubeconfig"></textarea>
          <mat-hint>{{ 'clusters.register.kubeconfigHint' | transloco }}</mat-hint>
          @if (form.controls.kubeconfig.hasError('required')) { <mat-error>{{ 'clusters.register.kubeconfigRequired' | transloco }}</mat-error> }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'clusters.register.context' | transloco }}</mat-label>
          <input matInput formControlName="context" data-testid="cluster-context" autocomplete="off" />
          <mat-hint>{{ 'clusters.register.contextHint' | transloco }}</mat-hint>
        </mat-form-field>
      </form>
      @if (busy()) { <mat-progress-bar mode="indeterminate" /> }
      @if (tested(); as t) {
        <div class="tested" data-testid="cluster-test-result">
          {{ 'clusters.register.tested' | transloco: { server: t.server, context: t.context, version: t.kubernetesVersion, count: t.nodeCount } }}
        </div>
      }
      <knm-api-error-panel [error]="error()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close data-testid="cluster-register-cancel">{{ 'common.cancel' | transloco }}</button>
      <button mat-stroked-button (click)="test()" [disabled]="busy() || testInvalid()" data-testid="cluster-test">
        {{ 'clusters.register.test' | transloco }}
      </button>
      <button mat-flat-button type="submit" form="register-cluster-form" [disabled]="busy() || form.invalid" data-testid="cluster-register-submit">
        {{ 'clusters.register.submit' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 8px; min-width: 480px; }
    .mono { font-family: ui-monospace, monospace; font-size: 12px; }
    .tested { margin: 8px 0; color: var(--knm-success); }
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

  /** A connection test needs the kubeconfig only (the name is not part of it). */
  protected testInvalid(): boolean {
    return this.form.controls.kubeconfig.invalid;
  }

  protected async test(): Promise<void> {
    if (this.testInvalid()) return;
    await this.run(async () => this.tested.set(await this.api.post<ClusterTestResponse>(ApiRoutes.clusterTest(), this.connection())));
  }

  protected async register(): Promise<void> {
    if (this.form.invalid || this.busy()) return;
    const request: CreateClusterRequest = { name: this.form.controls.name.value, ...this.connection() };
    await this.run(async () => this.ref.close(await this.api.post<ClusterResponse>(ApiRoutes.clusters(), request)));
  }

  private connection(): ClusterConnectionRequest {
    const { kubeconfig, context } = this.form.getRawValue();
    return { kubeconfig, ...(context.trim() ? { context: context.trim() } : {}) };
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
