import { z } from 'zod';

/**
 * Query-string parameters. Every parameter is optional and given at most once, as text; an empty
 * value (`?kind=`) counts as absent. These schemas turn the text into the value (`"20"` -> 20,
 * `"true"` -> true) and report anything else, e.g. a repeated parameter as `must be given once`.
 */
function fromText<T extends z.ZodType>(convert: (text: string) => unknown, schema: T) {
  return z.preprocess((raw, ctx) => {
    if (Array.isArray(raw)) {
      ctx.addIssue({ code: 'custom', message: 'must be given once', input: raw });
      return z.NEVER;
    }
    if (raw === '') return undefined;
    return typeof raw === 'string' ? convert(raw) : raw;
  }, schema.optional());
}

/** A whole number in `min..max` written in decimal digits (no sign, exponent or spaces). */
export const wholeNumberParam = (min: number, max: number) =>
  fromText((text) => (/^\d{1,16}$/.test(text) ? Number(text) : text), z.number().int().min(min).max(max));

/** `true` or `false`. */
export const booleanParam = () => fromText((text) => (text === 'true' ? true : text === 'false' ? false : text), z.boolean());

/** One of `values`. */
export const enumParam = <const T extends readonly [string, ...string[]]>(values: T) => fromText((text) => text, z.enum(values));

/** Free text of at most `max` characters. */
export const textParam = (max: number) => fromText((text) => text, z.string().max(max));

/** An RFC 3339 instant with a time zone (`2026-11-21T10:00:00Z`, offsets allowed), normalised to UTC. */
export const instantParam = () =>
  fromText(
    (text) => text,
    z.iso
      .datetime({ offset: true, error: 'must be an RFC 3339 timestamp with a time zone, e.g. 2026-11-21T10:00:00Z' })
      .transform((v) => new Date(v).toISOString()),
  );

/** Highest page number accepted. */
export const MAX_PAGE = 1_000_000;

/** 1-based page number (the first page is 1). */
export const pageParam = () => wholeNumberParam(1, MAX_PAGE).meta({ description: '1-based page number (the first page is 1; default 1)' });
