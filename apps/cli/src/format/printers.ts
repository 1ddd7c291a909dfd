import { stringify } from 'yaml';
import { usageError } from '../exit-codes';

/** `-o json|yaml` output of a value (2-space JSON; YAML via the yaml package). */
export function structured(format: 'json' | 'yaml', value: unknown): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value);
}

/** The structured format of an `-o` value, or null for table formats. @throws CliError (exit 2) for a format the command does not offer. */
export function outputFormat<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed.join(',')}`);
  return value as T;
}
