import { Pipe, inject, type PipeTransform } from '@angular/core';
import { LanguageService } from '../../core/i18n/language.service';
import { formatAge, formatDateTime, formatNumber, formatTimeAgo } from './intl-format';
import { binaryBytes, parseQuantity, quantityUnit } from './quantity';

/*
 * Intl pipes for templates. Impure on purpose: each reads the active language (a signal), so the
 * view re-renders them on a language switch; the formatters behind them are cached.
 */

/** `{{ ts | age }}`: kubectl-style age (`12m`, `3d` / `12分钟`, `3天`). Put the raw timestamp in a `title`. */
@Pipe({ name: 'age', pure: false })
export class AgePipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  transform(timestamp: string | null | undefined): string {
    return formatAge(timestamp, this.language.lang());
  }
}

/** `{{ ts | timeAgo }}`: `5 min. ago` / `5分钟前`. */
@Pipe({ name: 'timeAgo', pure: false })
export class TimeAgoPipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  transform(timestamp: string | null | undefined): string {
    return formatTimeAgo(timestamp, this.language.lang());
  }
}

/** `{{ ts | dateTime }}`: date and time in the user's zone and language; '—' for none. */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  transform(timestamp: string | null | undefined): string {
    return formatDateTime(timestamp, this.language.lang());
  }
}

/** `{{ n | knmNumber }}`: grouped number (`5,000`). */
@Pipe({ name: 'knmNumber', pure: false })
export class NumberPipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  transform(value: number | null | undefined, options?: Intl.NumberFormatOptions): string {
    return value === null || value === undefined ? '—' : formatNumber(value, this.language.lang(), options);
  }
}

/**
 * `{{ raw | quantity: 'memory' }}`: a Kubernetes quantity of a node resource in human units:
 * bytes as `15.5 GiB`, CPU as `3.92 cores` / `3.92 核`, other resources as a number. Anything
 * that does not parse is shown as is. Show the raw value on hover (`[title]="raw"`).
 */
@Pipe({ name: 'quantity', pure: false })
export class QuantityPipe implements PipeTransform {
  private readonly language = inject(LanguageService);
  transform(raw: string | null | undefined, resource: string): string {
    if (raw === null || raw === undefined) return '—';
    const value = parseQuantity(raw);
    if (value === null) return raw;
    const lang = this.language.lang();
    switch (quantityUnit(resource)) {
      case 'bytes': {
        const b = binaryBytes(value);
        return `${formatNumber(b.value, lang, { maximumFractionDigits: 1 })} ${b.unit}`;
      }
      case 'cores':
        return this.language.translate(value === 1 ? 'units.cores.one' : 'units.cores.other', {
          count: formatNumber(value, lang, { maximumFractionDigits: 2 }),
        });
      case 'count':
        return formatNumber(value, lang, { maximumFractionDigits: 2 });
    }
  }
}
