import { usageError } from '../exit-codes';

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };

/**
 * Parses a Go duration as kubectl flags take it (`90s`, `5m`, `1h30m`, `1.5h`, `0`) into whole
 * seconds (rounded up, so a positive duration never becomes 0). A bare number other than 0 is
 * refused, as Go's time.ParseDuration refuses it ("missing unit").
 * @throws CliError (exit 2) naming the flag.
 */
export function parseDurationSeconds(flag: string, text: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|ns)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw usageError(`invalid argument "${text}" for "${flag}" flag: must be a duration such as 90s, 5m or 1h30m (units h, m, s, ms)`);
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = re.lastIndex;
  }
  if (pos === 0) throw usageError(`invalid argument "${text}" for "${flag}" flag: must be a duration such as 90s, 5m or 1h30m`);
  return Math.ceil(total - 1e-9);
}

/**
 * Parses a whole number flag value within [min, max].
 * @throws CliError (exit 2) `invalid argument "x" for "--flag" flag: ...` (kubectl/pflag's wording).
 */
export function parseIntFlag(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(text.trim())) throw usageError(`invalid argument "${text}" for "${flag}" flag: must be a whole number`);
  const n = Number(text.trim());
  if (n < min || n > max) throw usageError(`invalid argument "${text}" for "${flag}" flag: must be from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
  return n;
}
