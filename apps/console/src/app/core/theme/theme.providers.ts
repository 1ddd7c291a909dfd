import { inject, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { ThemeService } from './theme.service';

/** Applies the remembered light/dark choice before the first render. */
export function provideConsoleTheme(): EnvironmentProviders {
  return provideAppInitializer(() => inject(ThemeService).init());
}
