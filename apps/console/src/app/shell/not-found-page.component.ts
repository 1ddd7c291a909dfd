import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Shown for any URL no plugin route matches (instead of silently landing somewhere else), with the
 * path that was asked for and a link to the start page.
 */
@Component({
  selector: 'knm-not-found-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="not-found" data-testid="not-found">
      <mat-icon svgIcon="search" class="icon" />
      <h1>{{ 'notFound.title' | transloco }}</h1>
      <p>{{ 'notFound.message' | transloco }}</p>
      <code data-testid="not-found-path">{{ path }}</code>
      <a mat-flat-button routerLink="/" data-testid="not-found-home">{{ 'notFound.home' | transloco }}</a>
    </section>
  `,
  styles: `
    .not-found { display: flex; flex-direction: column; align-items: flex-start; gap: 12px; max-width: 640px; padding-top: 24px; }
    .icon { width: 40px; height: 40px; color: var(--mat-sys-on-surface-variant); }
    p { margin: 0; color: var(--mat-sys-on-surface-variant); }
    code { word-break: break-all; }
  `,
})
export class NotFoundPageComponent {
  protected readonly path = inject(Router).url;
}
