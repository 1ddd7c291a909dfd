const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** `whole` plus `part` when the part is not zero: "5m" / "5m12s". */
const compound = (whole: number, unit: string, part: number, partUnit: string): string => (part === 0 ? `${whole}${unit}` : `${whole}${unit}${part}${partUnit}`);

/**
 * A duration in kubectl's AGE style (the rule of k8s.io/apimachinery pkg/util/duration
 * HumanDuration): under 2 min "Ns"; under 10 min "NmSs"; under 3 h "Nm"; under 8 h "NhMm";
 * under 48 h "Nh"; under 8 days "NdHh"; under 2 years "Nd"; under 8 years "NyDd"; then "Ny".
 * Up to 1 s in the future counts as "0s" (clock skew); further is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 2 * MINUTE) return `${seconds}s`;
  const minutes = Math.trunc(seconds / MINUTE);
  if (minutes < 10) return compound(minutes, 'm', seconds % MINUTE, 's');
  if (minutes < 3 * 60) return `${minutes}m`;
  const hours = Math.trunc(seconds / HOUR);
  if (hours < 8) return compound(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(seconds / DAY);
  if (days < 8) return compound(days, 'd', hours % 24, 'h');
  if (seconds < 2 * YEAR) return `${days}d`;
  const years = Math.trunc(seconds / YEAR);
  if (seconds < 8 * YEAR) return compound(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/** AGE of an RFC 3339 timestamp at `nowMs`; `<unknown>` when absent or unparsable (kubectl's translateTimestampSince). */
export function age(timestamp: string | null | undefined, nowMs: number): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? '<unknown>' : humanDuration(nowMs - t);
}
