import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterOutlet, type ActivatedRouteSnapshot } from '@angular/router';
import { filter, map } from 'rxjs';
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
    RouterLink, RouterOutlet,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly registry = inject(PLUGIN_REGISTRY);
  private readonly permissions = inject(PermissionService);
  private readonly router = inject(Router);
  protected readonly realtime = inject(RealtimeService);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver).observe('(max-width: 900px)').pipe(map((r) => r.matches)),
    { initialValue: false },
  );
  protected readonly nav = this.registry
    .nav()
    .filter((n) => this.permissions.has(this.registry.plugins().find((p) => p.id === n.pluginId)?.requiredPermission));
  /**
   * Plugin owning the current page, from the route data the registry set. Nav highlighting goes by
   * plugin, not URL prefix: /clusters/x/nodes belongs to the nodes plugin, not to /clusters.
   */
  protected readonly activePlugin = toSignal(
    inject(Router).events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => deepestPluginId(this.router.routerState.snapshot.root)),
    ),
    { initialValue: null },
  );
  protected readonly connectionText = computed(() => CONNECTION_TEXT[this.realtime.state()]);

  constructor() {
    this.realtime.connect();
  }
}

function deepestPluginId(route: ActivatedRouteSnapshot): string | null {
  let id: string | null = null;
  for (let r: ActivatedRouteSnapshot | null = route; r; r = r.firstChild) {
    const data: unknown = r.data['pluginId'];
    if (typeof data === 'string') id = data;
  }
  return id;
}
