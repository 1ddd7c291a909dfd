import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ApiRoutes, type ClusterResponse, type ClusterStatus } from '@knm/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiClient } from '../../core/api/api-client.service';
import { toApiError, type ApiError } from '../../core/api/api-error';
import { ClusterDirectory } from '../../core/clusters/cluster-directory.service';
import { msg, type I18nMessage } from '../../core/i18n/i18n-message';
import { I18nPipe } from '../../core/i18n/i18n.pipe';
import { NotificationService } from '../../core/notifications/notification.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/dialogs/confirm-dialog.component';
import { ApiErrorPanelComponent } from '../../shared/errors/api-error-panel.component';
import { DateTimePipe, NumberPipe, TimeAgoPipe } from '../../shared/format/format.pipes';
import { RegisterClusterDialogComponent } from './register-cluster-dialog.component';

const STATUS_TEXT: Readonly<Record<ClusterStatus, I18nMessage>> = {
  connecting: msg('clusters.status.connecting'),
  synced: msg('clusters.status.synced'),
  degraded: msg('clusters.status.degraded'),
  unreachable: msg('clusters.status.unreachable'),
};

/** Lists registered clusters; registers (from pasted kubeconfig) and deletes them. */
@Component({
  selector: 'knm-clusters-page',
  imports: [
    MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, MatTooltipModule,
    RouterLink, TranslocoPipe, I18nPipe, DateTimePipe, NumberPipe, TimeAgoPipe, ApiErrorPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './clusters-page.component.html',
  styleUrl: './clusters-page.component.scss',
})
export class ClustersPageComponent {
  private readonly api = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotificationService);
  protected readonly directory = inject(ClusterDirectory);
  protected readonly deleteError = signal<ApiError | null>(null);
  protected readonly columns = ['name', 'status', 'server', 'context', 'nodes', 'version', 'age', 'actions'];

  constructor() {
    void this.directory.refresh();
  }

  protected statusLabel(status: ClusterStatus): I18nMessage {
    return STATUS_TEXT[status];
  }

  protected async register(): Promise<void> {
    const ref = this.dialog.open<RegisterClusterDialogComponent, void, ClusterResponse>(RegisterClusterDialogComponent, {
      width: '720px',
      maxWidth: '95vw',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) return;
    this.notify.info(msg('clusters.page.registered', { name: created.name }));
    await this.directory.refresh();
  }

  protected async remove(cluster: ClusterResponse): Promise<void> {
    const ref = this.dialog.open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      data: {
        title: msg('clusters.delete.title', { name: cluster.name }),
        message: msg('clusters.delete.message'),
        confirmLabel: msg('common.delete'),
        destructive: true,
      },
    });
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    this.deleteError.set(null);
    try {
      await this.api.delete(ApiRoutes.cluster(cluster.name));
      this.notify.info(msg('clusters.page.deleted', { name: cluster.name }));
      await this.directory.refresh();
    } catch (err) {
      this.deleteError.set(toApiError(err));
    }
  }
}
