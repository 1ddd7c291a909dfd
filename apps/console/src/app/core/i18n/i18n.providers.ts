import { inject, provideAppInitializer, type EnvironmentProviders, type Provider } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TitleStrategy } from '@angular/router';
import { provideTransloco, provideTranslocoTranspiler } from '@jsverse/transloco';
import { IntlTranspiler } from './intl-transpiler';
import { LanguageService } from './language.service';
import { DEFAULT_LANGUAGE, LANGUAGE_IDS } from './languages';
import { TranslatedPaginatorIntl } from './paginator-intl';
import { InlineTranslationLoader } from './translation-loader';
import { TranslatedTitleStrategy } from './translated-title.strategy';

/**
 * Everything the console's languages need: Transloco over the inlined translations (core +
 * every plugin's), English as the fallback for a key missing in another language, number
 * formatting in interpolations, translated page titles and paginator labels, and the start-up
 * language (stored choice, else the browser's). Needs the plugin registry (PLUGIN_REGISTRY).
 * Unit tests use the same providers (see testing.ts), so components render real text in tests.
 */
export function provideConsoleI18n(): (Provider | EnvironmentProviders)[] {
  return [
    provideTransloco({
      config: {
        availableLangs: [...LANGUAGE_IDS],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        prodMode: true,
        missingHandler: { useFallbackTranslation: true, logMissingKey: true },
      },
      loader: InlineTranslationLoader,
    }),
    provideTranslocoTranspiler(IntlTranspiler),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    provideAppInitializer(() => inject(LanguageService).init()),
  ];
}
