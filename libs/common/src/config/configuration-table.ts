import { fieldOf, metaOf, SETTING_NAMES } from './settings.schema';

/** Environment variable naming the optional YAML settings file. */
export const SETTINGS_FILE_ENV = 'KNM_CONFIG';

/** The README default column of a setting: its meta text, or its schema default as code. */
function defaultText(name: (typeof SETTING_NAMES)[number]): string {
  const meta = metaOf(name);
  if (meta.defaultText !== undefined) return meta.defaultText;
  const def = fieldOf(name).def as { type: string; defaultValue?: unknown };
  if (def.type !== 'default' && def.type !== 'prefault') return '—';
  const value = def.defaultValue;
  return Array.isArray(value) && value.length === 0 ? '—' : `\`${String(value)}\``;
}

/**
 * The configuration table of README.md, one row per setting of the settings schema plus the
 * KNM_CONFIG row: `| \`KNM_PORT\` | \`8080\` | HTTP port (0 = any free port) |`.
 */
export function configurationTableRows(): string[] {
  const rows = SETTING_NAMES.map((name) => `| \`${metaOf(name).env}\` | ${defaultText(name)} | ${metaOf(name).doc} |`);
  rows.push(
    `| \`${SETTINGS_FILE_ENV}\` | — | optional YAML file with the settings above (camelCase keys, e.g. \`taskDefaultConcurrency: 20\`; the environment wins) |`,
  );
  return rows;
}
