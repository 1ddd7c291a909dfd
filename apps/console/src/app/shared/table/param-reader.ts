/** What reads URL query parameters (Angular's ParamMap fits); lets URL-state code stay pure. */
export interface ParamReader {
  get(name: string): string | null;
}

/** A positive integer parameter, or `fallback` when absent or malformed. */
export function positiveIntParam(query: ParamReader, name: string, fallback: number): number {
  const raw = query.get(name);
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** A parameter that must be one of `allowed`, or null. */
export function oneOfParam<T extends string>(query: ParamReader, name: string, allowed: readonly T[]): T | null {
  const raw = query.get(name);
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : null;
}
