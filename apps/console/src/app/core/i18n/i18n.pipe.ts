import { Pipe, inject, type PipeTransform } from '@angular/core';
import type { I18nMessage } from './i18n-message';
import { LanguageService } from './language.service';

/**
 * `{{ message | i18n }}`: translates an {@link I18nMessage} built in TypeScript (a list is joined
 * with the language's separator: `; ` / `；`). For keys written in the template use Transloco's
 * pipe: `{{ 'nodes.page.title' | transloco }}`. Impure: it reads the active language, so the view
 * re-renders it on a switch.
 */
@Pipe({ name: 'i18n', pure: false })
export class I18nPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(message: I18nMessage | readonly I18nMessage[] | null | undefined): string {
    this.language.lang();
    if (!message) return '';
    if (!Array.isArray(message)) return this.language.text(message as I18nMessage);
    const list = message as readonly I18nMessage[];
    return list.map((m) => this.language.text(m)).join(this.language.translate('common.listSeparator'));
  }
}
