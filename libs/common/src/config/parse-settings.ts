import { ruleOf } from '@knm/contracts';
import { metaOf, ParsedSettings, SETTING_NAMES, SettingName, SettingsInput, settingsSchema } from './settings.schema';

/** A configuration error: names the key and the rule. main.ts prints it and exits 1. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    rule: string,
  ) {
    super(`configuration: ${key} ${rule}`);
  }
}

/** Where the settings come from: environment variables (`KNM_*`) over the values of a YAML file. */
export interface SettingsSources {
  env?: Record<string, string | undefined>;
  /** Values by camelCase name (the KNM_CONFIG file). */
  file?: { name: string; values: SettingsInput };
}

/**
 * Validates the settings from their sources (an environment variable wins over the file) with
 * {@link settingsSchema}, applying defaults. Pure: reads nothing but its arguments (and, for
 * KNM_CONSOLE_DIR, whether index.html exists), writes nothing.
 * @throws ConfigError naming the key (the environment variable, or `<file>: <key>`) and the rule;
 *   an unknown key in the file is an error too.
 */
export function parseSettings(sources: SettingsSources): ParsedSettings {
  const env = sources.env ?? {};
  const fileValues = sources.file?.values ?? {};
  const unknown = Object.keys(fileValues).filter((k) => !SETTING_NAMES.includes(k as SettingName));
  if (unknown.length) throw new ConfigError(`${sources.file!.name}: ${unknown[0]}`, `is not a known setting (known: ${SETTING_NAMES.join(', ')})`);
  const input: SettingsInput = {};
  const fromFile = new Set<SettingName>();
  for (const name of SETTING_NAMES) {
    const fromEnv = env[metaOf(name).env];
    if (fromEnv !== undefined) input[name] = fromEnv;
    else if (fileValues[name] !== undefined) {
      input[name] = fileValues[name];
      fromFile.add(name);
    }
  }
  const result = settingsSchema.safeParse(input, { error: (issue) => ruleOf(issue) });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue.path[0] as SettingName;
  throw new ConfigError(fromFile.has(name) ? `${sources.file!.name}: ${name}` : metaOf(name).env, issue.message);
}
