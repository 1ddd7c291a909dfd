import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { PermissionService } from '../core/plugins/permission.service';
import { PLUGIN_REGISTRY } from '../core/plugins/plugin-registry.provider';
import { RealtimeService } from '../core/realtime/realtime.service';

const CONNECTION_TEXT = { connected: 'Live', connecting: 'Reconnecting…', disconnected: 'Offline' } as const;

/**
 * Layout: toolbar, side nav built from the plugin registry (no central list of views to edit),
 * and the routed page. Notifications are Material snackbars (core/notifications).
 */
@Component({
  selector: 'knm-shell',
  imports: [
    MatButtonModule, MatIconModule, MatListModule, MatSidenavModule, MatToolbarModule, MatTooltipModule,
    RouterLink, RouterLinkActive, RouterOutlet,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly registry = inject(PLUGIN_REGISTRY);
  private readonly permissions = inject(PermissionService);
  protected readonly realtime = inject(RealtimeService);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver).observe('(max-width: 900px)').pipe(map((r) => r.matches)),
    { initialValue: false },
  );
  protected readonly nav = this.registry
    .nav()
    .filter((n) => this.permissions.has(this.registry.plugins().find((p) => p.id === n.pluginId)?.requiredPermission));
  protected readonly connectionText = computed(() => CONNECTION_TEXT[this.realtime.state()]);
}
