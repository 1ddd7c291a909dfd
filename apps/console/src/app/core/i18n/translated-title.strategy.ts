import { Injectable, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { LanguageService } from './language.service';

/**
 * Page titles from route `title`s, which are translation keys (the plugin registry puts the
 * manifest's route title there): "<page> · Kube Node Manager", in the active language, and
 * updated when the language changes.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly language = inject(LanguageService);
  private key: string | undefined;

  constructor() {
    super();
    effect(() => {
      this.language.lang();
      this.render();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = this.buildTitle(snapshot);
    this.render();
  }

  private render(): void {
    const app = this.language.translate('app.name');
    this.title.setTitle(this.key ? this.language.translate('app.pageTitle', { page: this.language.translate(this.key) }) : app);
  }
}
