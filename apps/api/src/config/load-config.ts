import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, parseSettings, type ParsedSettings, SETTINGS_FILE_ENV, type SettingsInput } from '@knm/common';

export { ConfigError };

type Env = Record<string, string | undefined>;

/** Reads the optional YAML file named by KNM_CONFIG: values by camelCase setting name. */
function readSettingsFile(env: Env): { name: string; values: SettingsInput } | undefined {
  const file = env[SETTINGS_FILE_ENV];
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(SETTINGS_FILE_ENV, `names a file that cannot be read (${file}): ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(SETTINGS_FILE_ENV, `names a file that is not valid YAML (${file}): ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return { name: file, values: {} };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(SETTINGS_FILE_ENV, 'must be a YAML mapping');
  return { name: file, values: doc as SettingsInput };
}

/**
 * The validated settings from environment variables (`KNM_*`) over the optional YAML file named
 * by KNM_CONFIG (camelCase keys), with defaults (libs/common settings.schema). Reads the
 * environment and that file; writes nothing: the encryption key file is provisioned by the
 * separate start-up step {@link provisionEncryptionKey}.
 * @throws ConfigError naming the key and the rule.
 */
export function loadConfig(env: Env = process.env): ParsedSettings {
  return parseSettings({ env, file: readSettingsFile(env) });
}
