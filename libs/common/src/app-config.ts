import type { ParsedSettings } from './config/settings.schema';

/** The validated settings with the encryption key in place (see provisionEncryptionKey in apps/api). */
export type AppSettings = Readonly<Omit<ParsedSettings, 'encryptionKey'> & { encryptionKey: Buffer }>;

/** A class whose instances have the shape of {@link AppSettings} (Nest injects by class token). */
const settingsShaped = class {} as unknown as abstract new () => AppSettings;

/**
 * Validated application configuration, with one property per setting of
 * `config/settings.schema.ts` (the single declaration of every setting: its env name, YAML key,
 * default and meaning). Built once at boot by apps/api/src/config (the only code that reads
 * `process.env`) and provided under this class token.
 */
export abstract class AppConfig extends settingsShaped {
  /** An AppConfig holding `settings` (as validated by the settings schema, with the key provisioned). */
  static of(settings: AppSettings): AppConfig {
    return Object.freeze(Object.assign(Object.create(AppConfig.prototype) as AppConfig, settings));
  }
}
