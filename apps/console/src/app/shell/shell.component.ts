import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterOutlet, type ActivatedRouteSnapshot } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18nPipe } from '../core/i18n/i18n.pipe';
import { filter, map } from 'rxjs';
import { ApiReachability } from '../core/api/api-reachability';
import { msg, type I18nMessage } from '../core/i18n/i18n-message';
import { LanguageService } from '../core/i18n/language.service';
import { CONSOLE_LANGUAGES } from '../core/i18n/languages';
import { PermissionService } from '../core/plugins/permission.service';
import { PLUGIN_REGISTRY } from '../core/plugins/plugin-registry.provider';
import { RealtimeService } from '../core/realtime/realtime.service';
import type { ConnectionState } from '../core/realtime/realtime.types';
import { ThemeService, type ThemeMode } from '../core/theme/theme.service';

const CONNECTION_TEXT: Readonly<Record<ConnectionState, I18nMessage>> = {
  connected: msg('shell.connection.connected'),
  connecting: msg('shell.connection.connecting'),
  disconnected: msg('shell.connection.disconnected'),
};
const CONNECTION_TOOLTIP: Readonly<Record<ConnectionState, I18nMessage>> = {
  connected: msg('shell.connection.connectedHint'),
  connecting: msg('shell.connection.connectingHint'),
  disconnected: msg('shell.connection.disconnectedHint'),
};
const THEME_MODES: readonly { mode: ThemeMode; label: I18nMessage }[] = [
  { mode: 'system', label: msg('shell.theme.system') },
  { mode: 'light', label: msg('shell.theme.light') },
  { mode: 'dark', label: msg('shell.theme.dark') },
];

/**
 * Layout: toolbar (connection state, language and light/dark menus), side nav built from the plugin
 * registry (no central list of views to edit), and the routed page. Notifications are Material
 * snackbars (core/notifications). The connection badge says "Offline" as soon as the socket drops
 * or an API request gets no answer.
 */
@Component({
  selector: 'knm-shell',
  imports: [
    MatButtonModule, MatIconModule, MatListModule, MatMenuModule, MatSidenavModule, MatToolbarModule,
    MatTooltipModule, RouterLink, RouterOutlet, TranslocoPipe, I18nPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly registry = inject(PLUGIN_REGISTRY);
  private readonly permissions = inject(PermissionService);
  private readonly router = inject(Router);
  private readonly realtime = inject(RealtimeService);
  private readonly reachability = inject(ApiReachability);
  protected readonly language = inject(LanguageService);
  protected readonly theme = inject(ThemeService);
  protected readonly languages = CONSOLE_LANGUAGES;
  protected readonly themeModes = THEME_MODES;
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
  /** Socket state, except that an API request without an answer means offline whatever the socket says. */
  protected readonly connection = computed<ConnectionState>(() =>
    this.reachability.reachable() ? this.realtime.state() : 'disconnected',
  );
  protected readonly connectionText = computed(() => CONNECTION_TEXT[this.connection()]);
  protected readonly connectionTooltip = computed(() => CONNECTION_TOOLTIP[this.connection()]);

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
