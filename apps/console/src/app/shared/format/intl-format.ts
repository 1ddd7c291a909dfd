/**
 * Dates, numbers and durations through Intl, for a BCP 47 locale (the console language). Pure and
 * cached per locale + options (building an Intl formatter costs far more than using one).
 * The pipes in this folder call these with the active language.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string,
  options: object,
  create: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = create()));
  return f;
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** Date and time of an RFC 3339 instant in the user's time zone, e.g. `Nov 21, 2026, 10:30:05 AM`; '—' when unparsable. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '—';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };
  return cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options)).format(ms);
}

type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'year';

/**
 * Splits an elapsed time into kubectl's one-unit age (k8s.io/apimachinery/pkg/util/duration
 * HumanDuration, simplified): seconds below 2 min, minutes below 2 h, hours below 2 d, days below
 * 2 y, then years.
 */
export function ageParts(elapsedMs: number): { value: number; unit: DurationUnit } {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 120) return { value: seconds, unit: 'second' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'hour' };
  const days = Math.floor(hours / 24);
  if (days < 365 * 2) return { value: days, unit: 'day' };
  return { value: Math.floor(days / 365), unit: 'year' };
}

/** Age since `iso` in kubectl's style and the locale's narrow units: `45s`, `12m`, `3d` / `45秒`, `12分钟`, `3天`. */
export function formatAge(iso: string | null | undefined, locale: string, now: number = Date.now()): string {
  const then = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(then)) return '—';
  const { value, unit } = ageParts(now - then);
  return formatNumber(value, locale, { style: 'unit', unit, unitDisplay: 'narrow' });
}

/** Time since `iso` as a relative phrase: `5 min. ago` / `5分钟前`. */
export function formatTimeAgo(iso: string | null | undefined, locale: string, now: number = Date.now()): string {
  const then = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(then)) return '—';
  const { value, unit } = ageParts(now - then);
  const options: Intl.RelativeTimeFormatOptions = { numeric: 'always', style: 'short' };
  return cached('r', locale, options, () => new Intl.RelativeTimeFormat(locale, options)).format(-value, unit);
}
