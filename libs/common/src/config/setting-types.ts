import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Value parsers of the settings. A setting arrives as text (an environment variable) or as a YAML
 * value (number, string, list); both are read as text first (a YAML list is a comma list), so
 * `KNM_PORT=9090` and `port: 9090` go through the same rules. Every rule names what it wants
 * and what it got; the key is added by the caller (ConfigError).
 */

/** What the environment or the YAML file gives for one setting. */
export type RawSetting = string | number | boolean | readonly (string | number | boolean)[] | null | undefined;

/** A setting as text: undefined when absent (or YAML null), a YAML list joined with commas. */
export function settingText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  return Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
}

/** Absent and '' both mean "not set" (for settings whose old reading was `value || default`). */
const blankIsUnset = (raw: unknown): string | undefined => {
  const text = settingText(raw);
  return text === '' ? undefined : text;
};

/** A whole number in `min..max`, written in decimal digits. */
export function wholeNumber(min: number, max: number) {
  return z.preprocess(
    settingText,
    z.string().transform((text, ctx) => {
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number, got "${text}"` });
        return z.NEVER;
      }
      const n = Number(text);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be between ${min} and ${max}, got ${n}` });
        return z.NEVER;
      }
      return n;
    }),
  );
}

/** Non-empty text. */
export const text = () => z.preprocess(settingText, z.string().min(1, 'must not be empty'));

/** Text where '' means "not set" (null). */
export const optionalText = () => z.preprocess(blankIsUnset, z.string().optional()).transform((v) => v ?? null);

/** A directory, resolved against the working directory. */
export const directory = () => z.preprocess(settingText, z.string().min(1, 'must not be empty').transform((p) => resolve(p)));

/** Comma list, entries trimmed, empty entries dropped; each entry checked by `entry` (a rule, or null when fine). */
export function commaList(entry: (value: string) => string | null = () => null) {
  return z.preprocess(
    (raw) => (settingText(raw) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    z.array(z.string()).superRefine((values, ctx) => {
      for (const value of values) {
        const rule = entry(value);
        if (rule) ctx.addIssue({ code: 'custom', message: `entry "${value}" ${rule}` });
      }
    }),
  );
}

/** An absolute, normalised path (no `..`, no `//`, no trailing `/`): compared as written by whoever reads it. */
export function absolutePathRule(value: string): string | null {
  if (!isAbsolute(value)) return 'must be an absolute path';
  if (value.includes('\0')) return 'must not contain NUL';
  if (normalize(value) !== value || (value.length > 1 && value.endsWith('/'))) return `must be a normalised path (${normalize(value).replace(/(.)\/$/, '$1')})`;
  return null;
}

const HOSTNAME = /^(?=.{1,253}$)(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/i;

/** A host as written in a rule or a URL, compared form: lower case, no brackets, trailing dot or IPv6 zone. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  const zone = h.indexOf('%');
  return zone > 0 && isIP(h.slice(0, zone)) === 6 ? h.slice(0, zone) : h;
}

/**
 * A cluster API server host rule (KNM_CLUSTER_HOSTS_ALLOW/DENY): a hostname (RFC 1123,
 * case-insensitive), a `*.domain` wildcard, an IP address (IPv6 with or without brackets), or a CIDR
 * block (`10.0.0.0/8`, `fd00::/8`: prefix 0..32 for IPv4, 0..128 for IPv6). Null when valid.
 */
export function hostOrCidrRule(value: string): string | null {
  const slash = value.indexOf('/');
  if (slash < 0) {
    const h = normalizeHost(value);
    return isIP(h) || HOSTNAME.test(h) ? null : 'must be a hostname, a *.domain wildcard, an IP address or a CIDR block';
  }
  const address = normalizeHost(value.slice(0, slash));
  const prefix = value.slice(slash + 1).trim();
  const family = isIP(address);
  if (family === 0) return 'must be a CIDR block: the part before "/" is not an IP address';
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `must be a CIDR block: the prefix length must be 0..${max}`;
  return null;
}

/** PostgreSQL URL or null; '' means not set. */
export const postgresUrl = () =>
  optionalText().transform((url, ctx) => {
    if (url === null) return null;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL like postgres://user:pass@host:5432/db' });
      return z.NEVER;
    }
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') ctx.addIssue({ code: 'custom', message: `must use the postgres:// scheme, got ${u.protocol}` });
    else if (!u.hostname) ctx.addIssue({ code: 'custom', message: 'must name a host' });
    return url;
  });

/** 32 bytes, base64; null when not set (then the data dir's key file is used: see provisionEncryptionKey). */
export const encryptionKey = () =>
  optionalText().transform((raw, ctx) => {
    if (raw === null) return null;
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
      return z.NEVER;
    }
    return key;
  });

/** Directory of the built console (must hold index.html), or null. */
export const consoleDirectory = () =>
  optionalText().transform((raw, ctx) => {
    if (raw === null) return null;
    const dir = resolve(raw);
    if (!existsSync(join(dir, 'index.html'))) ctx.addIssue({ code: 'custom', message: `must be a directory holding the built console (no index.html in ${dir})` });
    return dir;
  });
