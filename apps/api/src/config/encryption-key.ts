import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, type ParsedSettings } from '@knm/common';

/** File holding the generated key, base64, in the data dir. */
export const ENCRYPTION_KEY_FILE = 'encryption.key';

/**
 * Start-up step after {@link loadConfig}: the configuration with its encryption key in place.
 * KNM_ENCRYPTION_KEY given: used as is. Otherwise the data dir's `encryption.key` is read, or,
 * on the first start, generated (32 random bytes, mode 0600, never overwritten: `wx`).
 * @throws ConfigError (KNM_ENCRYPTION_KEY) when the file does not hold 32 base64-encoded bytes.
 */
export function provisionEncryptionKey(settings: ParsedSettings): AppConfig {
  if (settings.encryptionKey !== null) return AppConfig.of({ ...settings, encryptionKey: settings.encryptionKey });
  const file = join(settings.dataDir, ENCRYPTION_KEY_FILE);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError('KNM_ENCRYPTION_KEY', `file ${file} must hold 32 base64-encoded bytes`);
    return AppConfig.of({ ...settings, encryptionKey: key });
  }
  mkdirSync(settings.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return AppConfig.of({ ...settings, encryptionKey: key });
}
