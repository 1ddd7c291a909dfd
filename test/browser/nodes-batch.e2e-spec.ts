import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ApiRoutes, type NodeListResponse } from '@knm/contracts';
import { REPO_ROOT, startBrowserEnv, type BrowserEnv } from './support/browser-env';
import { describeBrowser, itWithSim, launchChromium, openPage, waitText } from './support/chromium';

/**
 * Browser e2e: the built console in headless Debian Chromium (playwright-core) against the real
 * API and kube-sim. An operator picks the cluster, selects 20 nodes, adds a label, watches the
 * progress panel reach the terminal event, sees the label in the table, and after a reload the
 * panel (task id kept in the URL) shows the same final state. Then cordons 5 nodes with a reason,
 * sees them cordoned in the table and finds the task again in the task history.
 */

const NODES = 20;
const TASK_TIMEOUT_MS = 120_000;
const SHOTS = join(REPO_ROOT, 'test-results/browser');
/** Per test and hook: building the console, starting kube-sim + API, and the task itself. */
const STEP_TIMEOUT_MS = 240_000;


describeBrowser('console: batch actions on the Nodes page', () => {
  let env: BrowserEnv | undefined;
  let browser: Browser | undefined;
  let page: Page;

  /** Opens the cluster's Nodes page and selects the first `n` rows that `accept` (all by default). */
  async function selectFirstNodes(n: number, accept: (row: Locator) => Promise<boolean> = async () => true): Promise<string[]> {
    const { baseUrl, cluster } = env!;
    await page.goto(`${baseUrl}/nodes`);
    await page.getByTestId('cluster-picker').click();
    await page.getByTestId(`cluster-option-${cluster}`).click();
    await page.waitForURL(`**/clusters/${cluster}/nodes**`);
    await page.getByTestId('node-row').nth(n - 1).waitFor();
    const rows = page.getByTestId('node-row');
    const names: string[] = [];
    for (let i = 0; names.length < n && i < (await rows.count()); i++) {
      if (!(await accept(rows.nth(i)))) continue;
      names.push((await rows.nth(i).getAttribute('data-node')) ?? '');
      await rows.nth(i).getByTestId('select-node').locator('input').check();
    }
    await waitText(page.getByTestId('selected-count'), `${n} selected`);
    return names;
  }

  /** Selects the first `n` rows and applies `key=value`. */
  async function labelFirstNodes(n: number, key: string, value: string): Promise<string[]> {
    const names = await selectFirstNodes(n);
    await page.getByTestId('action-nodes.labels').click();
    await page.getByTestId('label-key-0').fill(key);
    await page.getByTestId('label-value-0').fill(value);
    await page.getByTestId('label-submit').click();
    await page.getByTestId('task-panel').waitFor();
    return names;
  }

  beforeAll(async () => {
    env = await startBrowserEnv(NODES);
    browser = await launchChromium();
    ({ page } = await openPage(browser));
    mkdirSync(SHOTS, { recursive: true });
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, STEP_TIMEOUT_MS);

  it('labels 20 selected nodes, shows the task to its terminal event, then the label in the table', async () => {
    const { baseUrl, cluster } = env!;
    const key = 'e2e.knm.io/batch';
    const value = `run-${Date.now().toString(36)}`;
    const names = await labelFirstNodes(NODES, key, value);
    expect(new URL(page.url()).searchParams.get('task')).toBeTruthy();
    await waitText(page.getByTestId('task-phase'), 'Succeeded', TASK_TIMEOUT_MS);
    await page.screenshot({ path: join(SHOTS, 'nodes-label-done.png') });

    expect({
      succeeded: await page.getByTestId('count-succeeded').innerText(),
      failed: await page.getByTestId('count-failed').innerText(),
      total: await page.getByTestId('count-total').innerText(),
      percent: await page.getByTestId('task-progress').getAttribute('data-percent'),
    }).toEqual({ succeeded: `${NODES} succeeded`, failed: '0 failed', total: `${NODES} total`, percent: '100' });

    for (const name of names) {
      const chip = page.locator(`[data-testid="node-row"][data-node="${name}"] [data-testid="label-chip"]`);
      await chip.filter({ hasText: `${key}=${value}` }).waitFor({ timeout: 30_000 });
    }
    const server = await fetch(`${baseUrl}${ApiRoutes.nodes(cluster)}?selector=${encodeURIComponent(`${key}=${value}`)}`);
    expect(((await server.json()) as NodeListResponse).total).toBe(NODES);
  }, STEP_TIMEOUT_MS);

  it('reopens the progress panel from the URL after a reload and shows the same final state', async () => {
    await page.reload();
    await waitText(page.getByTestId('task-phase'), 'Succeeded', 60_000);
    expect(await page.getByTestId('count-succeeded').innerText()).toBe(`${NODES} succeeded`);
  }, STEP_TIMEOUT_MS);

  itWithSim('catches up after a reload in the middle of a slow task and ends on the terminal event', async () => {
    env!.sim!.faults.set({ latencyMs: 1_500 });
    try {
      await labelFirstNodes(NODES, 'e2e.knm.io/slow', `run-${Date.now().toString(36)}`);
      await waitText(page.getByTestId('task-phase'), 'Running', 30_000);
      const taskId = new URL(page.url()).searchParams.get('task');
      await page.reload();
      await page.getByTestId('task-panel').waitFor();
      expect(await page.getByTestId('task-id').innerText()).toBe(taskId);
      await waitText(page.getByTestId('task-phase'), 'Succeeded', TASK_TIMEOUT_MS);
      expect(await page.getByTestId('count-succeeded').innerText()).toBe(`${NODES} succeeded`);
    } finally {
      env!.sim!.faults.set({ latencyMs: 0 });
    }
  }, STEP_TIMEOUT_MS);

  it('cordons 5 nodes with a reason, shows them cordoned, and lists the task in the task history', async () => {
    const { baseUrl, cluster } = env!;
    const reason = `e2e maintenance ${Date.now().toString(36)}`;
    const names = await selectFirstNodes(5, async (row) => (await row.getByTestId('node-cordoned').count()) === 0);
    await page.getByTestId('action-nodes.cordon').click();
    await page.getByTestId('cordon-reason').fill(reason);
    await page.getByTestId('cordon-submit').click();
    await page.getByTestId('task-panel').waitFor();
    const taskId = new URL(page.url()).searchParams.get('task');
    expect(taskId).toBeTruthy();
    await waitText(page.getByTestId('task-phase'), 'Succeeded', TASK_TIMEOUT_MS);
    expect(await page.getByTestId('count-succeeded').innerText()).toBe('5 succeeded');
    for (const name of names) {
      await page.locator(`[data-testid="node-row"][data-node="${name}"] [data-testid="node-cordoned"]`).waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: join(SHOTS, 'nodes-cordon-done.png') });
    const server = (await (await fetch(`${baseUrl}${ApiRoutes.nodes(cluster)}?cordoned=true&limit=1000`)).json()) as NodeListResponse;
    const cordoned = server.items.filter((n) => names.includes(n.name));
    expect(cordoned.map((n) => n.annotations['knm.io/cordon-reason'])).toEqual(names.map(() => reason));

    await page.getByTestId('nav-tasks.nav').click();
    await page.waitForURL('**/tasks');
    const row = page.locator(`[data-testid="task-row"][data-task="${taskId}"]`);
    await waitText(row.getByTestId('task-row-status'), 'Succeeded');
    expect(await row.getAttribute('data-kind')).toBe('cordon');
    await row.getByTestId('task-link').click();
    await page.waitForURL(`**/tasks/${taskId}`);
    await waitText(page.getByTestId('task-phase'), 'Succeeded');
    expect(await page.getByTestId('task-node-row').count()).toBe(5);
    await page.screenshot({ path: join(SHOTS, 'task-history-detail.png') });
  }, STEP_TIMEOUT_MS);
});
