import { Injectable, effect, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { LanguageService } from './language.service';

/** Material paginator labels in the active language (re-rendered on a language switch). */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly language = inject(LanguageService);

  constructor() {
    super();
    effect(() => {
      this.language.lang();
      this.refresh();
    });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.language.translate('common.paginator.rangeEmpty', { length });
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return this.language.translate('common.paginator.range', { start: start + 1, end, length });
  };

  private refresh(): void {
    const t = (key: string) => this.language.translate(key);
    this.itemsPerPageLabel = t('common.paginator.itemsPerPage');
    this.nextPageLabel = t('common.paginator.next');
    this.previousPageLabel = t('common.paginator.previous');
    this.firstPageLabel = t('common.paginator.first');
    this.lastPageLabel = t('common.paginator.last');
    this.changes.next();
  }
}
