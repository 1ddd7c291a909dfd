import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiRoutes, type NodeListResponse, type TaskResponse } from '@knm/contracts';
import coreEn from '../../apps/console/src/app/core/i18n/translations/en.json';
import coreZh from '../../apps/console/src/app/core/i18n/translations/zh-CN.json';
import clustersEn from '../../apps/console/src/app/plugins/clusters/i18n/en.json';
import clustersZh from '../../apps/console/src/app/plugins/clusters/i18n/zh-CN.json';
import nodesEn from '../../apps/console/src/app/plugins/nodes/i18n/en.json';
import nodesZh from '../../apps/console/src/app/plugins/nodes/i18n/zh-CN.json';
import tasksEn from '../../apps/console/src/app/plugins/tasks/i18n/en.json';
import tasksZh from '../../apps/console/src/app/plugins/tasks/i18n/zh-CN.json';
import { waitFor } from '../harness/wait-for';
import { REPO_ROOT, startBrowserEnv, type BrowserEnv } from './support/browser-env';
import { describeBrowser, launchChromium, openPage, type PageOptions } from './support/chromium';

/**
 * Browser e2e for languages and themes: the language menu switches at run time and is remembered;
 * Chinese pages show no English UI text; the theme follows the system's light/dark preference and
 * the theme menu overrides it (remembered). Screenshots of the main pages in en/zh-CN x light/dark
 * go to test-results/browser/screens for people to look at.
 */

const STEP_TIMEOUT_MS = 240_000;
const SHOTS = join(REPO_ROOT, 'test-results/browser/screens');

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/**
 * The English UI text that must not appear on a Chinese page: the parts between {{params}} of every
 * English text whose Chinese differs. `phrases` have several words (searched in the whole page);
 * `words` are single words (searched only where the console's own text sits: headers, buttons,
 * labels, nav, hints; elsewhere a word like "Ready" may be Kubernetes data).
 */
function englishText(): { phrases: string[]; words: Set<string> } {
  const en = flatten({ ...coreEn, nodes: nodesEn, clusters: clustersEn, tasks: tasksEn } as Tree);
  const zh = flatten({ ...coreZh, nodes: nodesZh, clusters: clustersZh, tasks: tasksZh } as Tree);
  // Terms Chinese keeps in Latin letters (Kubernetes, kubectl, Pod, NoExecute...) are not English UI text.
  const kept = new Set([...zh.values()].flatMap((t) => t.match(/[A-Za-z]+/g) ?? []));
  const phrases = new Set<string>();
  const words = new Set<string>();
  for (const [key, text] of en) {
    if (zh.get(key) === text) continue;
    for (const part of text.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.trim())) {
      if (/^[A-Za-z]{3,}$/.test(part) && !kept.has(part)) words.add(part);
      else if (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(part) && part.length >= 8) phrases.add(part);
    }
  }
  return { phrases: [...phrases], words };
}

/** The little of the browser's DOM these checks use (the test project compiles without the DOM lib). */
interface DomElement {
  innerText: string;
  tagName: string;
  getAttribute(name: string): string | null;
}
interface DomWindow {
  document: {
    body: DomElement;
    documentElement: { lang: string; dataset: Record<string, string | undefined> };
    querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  };
  getComputedStyle(element: DomElement): { backgroundColor: string };
}

/** English UI text found on the page (empty when the page is fully Chinese). */
async function englishOnPage(page: Page): Promise<string[]> {
  const { phrases, words } = englishText();
  return page.evaluate(
    ({ phrases, words }) => {
      const { document } = globalThis as unknown as DomWindow;
      const found: string[] = [];
      const body = document.body.innerText;
      for (const p of phrases) if (body.includes(p)) found.push(`text: ${p}`);
      const own = 'th, button, mat-label, h1, h2, h3, label, .mat-mdc-list-item, .mat-mdc-paginator, mat-hint, .live, .conn, [mat-dialog-title]';
      const wordSet = new Set(words);
      for (const el of document.querySelectorAll(own)) {
        for (const w of el.innerText.match(/[A-Za-z]+/g) ?? []) if (wordSet.has(w)) found.push(`${el.tagName.toLowerCase()}: ${w}`);
      }
      for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
        for (const value of [el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '']) {
          for (const w of value.match(/[A-Za-z]+/g) ?? []) if (wordSet.has(w)) found.push(`attribute: ${value}`);
          for (const p of phrases) if (value.includes(p)) found.push(`attribute: ${value}`);
        }
      }
      return [...new Set(found)];
    },
    { phrases, words: [...words] },
  );
}

/** Relative luminance (0 black .. 1 white) of the page background. */
async function backgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => {
    const w = globalThis as unknown as DomWindow;
    return w.getComputedStyle(w.document.body).backgroundColor;
  });
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c: string) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describeBrowser('console: languages and themes', () => {
  let env: BrowserEnv;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  let firstNode: string;
  let task: TaskResponse;

  async function openAs(options: PageOptions): Promise<void> {
    await context?.close();
    ({ context, page } = await openPage(browser, options));
  }

  async function goto(path: string, ready: string): Promise<void> {
    await page.goto(`${env.baseUrl}${path}`);
    await page.getByTestId(ready).first().waitFor();
  }

  beforeAll(async () => {
    env = await startBrowserEnv(12, { podsPerNode: 3 });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    const nodes = (await (await fetch(`${env.baseUrl}${ApiRoutes.nodes(env.cluster)}?limit=3`)).json()) as NodeListResponse;
    firstNode = nodes.items[0].name;
    const res = await fetch(`${env.baseUrl}${ApiRoutes.clusterTasks(env.cluster)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'label', nodes: nodes.items.map((n) => n.name), params: { set: { 'e2e.knm.io/i18n': 'yes' } } }),
    });
    task = (await res.json()) as TaskResponse;
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await env?.stop();
  }, STEP_TIMEOUT_MS);

  it('starts in the browser language, switches from the language menu at run time, and remembers it', async () => {
    await openAs({ locale: 'en-US' });
    await goto(`/clusters/${env.cluster}/nodes`, 'node-row');
    const before = await page.getByTestId('nav-nodes.nav').innerText();
    const englishSeen = (await englishOnPage(page)).length > 0;
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-option-zh-CN').click();
    await page.getByTestId('nav-nodes.nav').filter({ hasText: '节点' }).waitFor();
    const lang = await page.evaluate(() => (globalThis as unknown as DomWindow).document.documentElement.lang);
    const switched = { lang, title: await page.title() };
    await page.reload();
    await page.getByTestId('node-row').first().waitFor();
    expect({ before, englishSeen, switched, afterReload: await page.getByTestId('nav-nodes.nav').innerText() }).toEqual({
      before: 'Nodes',
      englishSeen: true,
      switched: { lang: 'zh-CN', title: '节点 · Kube Node Manager' },
      afterReload: '节点',
    });
  }, STEP_TIMEOUT_MS);

  it('shows no English UI text on the Chinese pages (nodes, node, dialog, tasks, task, clusters, not found)', async () => {
    await openAs({ locale: 'zh-CN' });
    const found: Record<string, string[]> = {};
    await goto(`/clusters/${env.cluster}/nodes`, 'node-row');
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
    found['nodes'] = await englishOnPage(page);
    await page.getByTestId('node-row').first().getByTestId('select-node').locator('input').check();
    await page.getByTestId('action-nodes.labels').click();
    await page.getByTestId('label-key-0').fill('bad key');
    await page.getByTestId('label-key-error-0').waitFor();
    found['label dialog'] = await englishOnPage(page);
    await goto(`/clusters/${env.cluster}/nodes/${firstNode}`, 'node-pod-row');
    found['node'] = await englishOnPage(page);
    await goto('/tasks', 'task-row');
    found['tasks'] = await englishOnPage(page);
    await goto(`/tasks/${task.id}`, 'task-node-row');
    found['task'] = await englishOnPage(page);
    await goto('/clusters', 'cluster-row');
    found['clusters'] = await englishOnPage(page);
    await goto('/no/such/page', 'not-found');
    found['not found'] = await englishOnPage(page);
    expect(found).toEqual({ nodes: [], 'label dialog': [], node: [], tasks: [], task: [], clusters: [], 'not found': [] });
  }, STEP_TIMEOUT_MS);

  it('follows the system dark preference, and the theme menu overrides it and is remembered', async () => {
    await openAs({ colorScheme: 'dark' });
    await goto(`/clusters/${env.cluster}/nodes`, 'node-row');
    const system = await backgroundLuminance(page);
    await page.getByTestId('theme-menu').click();
    await page.getByTestId('theme-option-light').click();
    await waitFor('the light theme', async () => (await backgroundLuminance(page)) > 0.8, 5_000);
    await page.reload();
    await page.getByTestId('node-row').first().waitFor();
    const attr = await page.evaluate(() => (globalThis as unknown as DomWindow).document.documentElement.dataset['theme']);
    const remembered = { luminance: await backgroundLuminance(page), attr };
    await page.getByTestId('theme-menu').click();
    await page.getByTestId('theme-option-system').click();
    await waitFor('the system (dark) theme again', async () => (await backgroundLuminance(page)) < 0.05, 5_000);
    expect({ systemDark: system < 0.05, rememberedLight: remembered.luminance > 0.8, attr: remembered.attr }).toEqual({
      systemDark: true,
      rememberedLight: true,
      attr: 'light',
    });
  }, STEP_TIMEOUT_MS);

  it.each([
    ['en-US', 'light'],
    ['en-US', 'dark'],
    ['zh-CN', 'light'],
    ['zh-CN', 'dark'],
  ] as const)('renders the main pages in %s, %s (screenshots for review)', async (locale, colorScheme) => {
    await openAs({ locale, colorScheme });
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${locale}-${colorScheme}-${name}.png`) });
    await goto(`/clusters/${env.cluster}/nodes`, 'node-row');
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
    await shot('nodes');
    for (const i of [0, 1]) await page.getByTestId('node-row').nth(i).getByTestId('select-node').locator('input').check();
    await page.getByTestId('action-nodes.taints').click();
    await page.getByTestId('taint-key-0').fill('bad key');
    await page.getByTestId('taint-key-error-0').waitFor();
    await shot('dialog');
    await goto(`/clusters/${env.cluster}/nodes/${firstNode}`, 'node-pod-row');
    await shot('node');
    await goto('/tasks', 'task-row');
    await shot('tasks');
    const dark = (await backgroundLuminance(page)) < 0.05;
    expect(dark).toBe(colorScheme === 'dark');
  }, STEP_TIMEOUT_MS);
});
