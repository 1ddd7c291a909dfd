import { Injectable } from '@angular/core';
import { DefaultTranspiler, type TranspileParams } from '@jsverse/transloco';
import { formatNumber } from '../../shared/format/intl-format';
import { DEFAULT_LANGUAGE } from './languages';

/**
 * Transloco's interpolation (`{{name}}`), with number parameters formatted for the active
 * language by Intl (`5000` -> `5,000`), so a count in a sentence reads as numbers do elsewhere.
 */
@Injectable()
export class IntlTranspiler extends DefaultTranspiler {
  private lang: string = DEFAULT_LANGUAGE;

  onLangChanged(lang: string): void {
    this.lang = lang;
  }

  override transpile(args: TranspileParams): unknown {
    if (!args.params) return super.transpile(args);
    const params: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(args.params)) {
      params[name] = typeof value === 'number' ? formatNumber(value, this.lang) : value;
    }
    return super.transpile({ ...args, params });
  }
}
