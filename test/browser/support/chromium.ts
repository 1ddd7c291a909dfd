import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { unavailableReason } from './browser-env';

/** Headless Debian Chromium driven by playwright-core (KNM_CHROMIUM overrides the path). */
export const CHROMIUM = process.env.KNM_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Why browser tests cannot run here (printed once), or null. */
export const browserSkipReason = unavailableReason(CHROMIUM);
if (browserSkipReason) process.stderr.write(`browser e2e skipped: ${browserSkipReason}\n`);
/** `describe`, or `describe.skip` without Chromium. */
export const describeBrowser = browserSkipReason ? describe.skip : describe;
/** Tests that switch simulator faults or stop the API need the suite's own processes (not KNM_E2E_URL). */
export const itWithSim = process.env.KNM_E2E_URL ? it.skip : it;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface PageOptions {
  /** Browser language (navigator.languages[0]); the console starts in it. Default en-US. */
  locale?: string;
  /** The system's light/dark preference. Default light. */
  colorScheme?: 'light' | 'dark';
}

/** A page in a fresh context (no cache, no storage) at 1440x900, as an operator's browser. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });
  return { context, page: await context.newPage() };
}

/** Waits until `locator` (one element) has exactly `text` (surrounding whitespace ignored). */
export async function waitText(locator: Locator, text: string, timeout = 30_000): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).waitFor({ timeout });
}

/** API requests (method + path, no query) the page makes from now on, for "fetched once" checks. */
export function recordApiRequests(page: Page): { paths: string[]; count(path: string): number } {
  const paths: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) paths.push(`${r.method()} ${url.pathname}`);
  });
  return { paths, count: (path) => paths.filter((p) => p === path).length };
}
