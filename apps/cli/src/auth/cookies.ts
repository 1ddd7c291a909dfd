/** Value of cookie `name` among Set-Cookie header lines; undefined when not set, '' when cleared. */
export function setCookieValue(setCookies: readonly string[], name: string): string | undefined {
  for (const line of setCookies) {
    const first = line.split(';', 1)[0];
    const eq = first.indexOf('=');
    if (eq > 0 && first.slice(0, eq).trim() === name) return decodeURIComponent(first.slice(eq + 1).trim());
  }
  return undefined;
}

/** A `Cookie` request header from name -> value pairs (values URL-encoded; null/empty skipped). */
export function cookieHeader(cookies: Record<string, string | null>): string {
  return Object.entries(cookies)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('; ');
}
