import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiRoutes, type NodeListResponse } from '@knm/contracts';
import { waitFor } from '../harness/wait-for';
import { startBrowserEnv, type BrowserEnv } from './support/browser-env';
import { describeBrowser, itWithSim, launchChromium, openPage, recordApiRequests, waitText } from './support/chromium';

/**
 * Browser e2e for the console bugs of issue 13, each against the real API and kube-sim (kubectl
 * for the out-of-band changes): connection test, facet counts and the node page following
 * `kubectl cordon/label`, one request per load and per 404, not-found states, the Live badge,
 * drain wording, quantities, modal dialogs submitted with Enter, cancel confirmation, and what the
 * console says when the API goes away (and that it recovers by itself).
 */

const NODES = 20;
const STEP_TIMEOUT_MS = 240_000;
const TASK_TIMEOUT_MS = 120_000;

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const KUBECTL = hasKubectl();
const execFileAsync = promisify(execFile);
if (!KUBECTL) process.stderr.write('browser e2e: kubectl not on PATH, out-of-band node changes go through the kube-sim handle\n');

describeBrowser('console: issue 13 bugs in the browser', () => {
  let env: BrowserEnv;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;

  /**
   * `kubectl <args>` against the suite's kube-sim. Asynchronous on purpose: kube-sim serves from
   * this process, so a synchronous child would block the very server it talks to.
   */
  async function kubectl(...args: string[]): Promise<void> {
    await execFileAsync('kubectl', ['--kubeconfig', env.sim!.kubeconfigPath, ...args], { timeout: 30_000 });
  }

  /** Cordons/uncordons a node out of band, as an operator with kubectl would. */
  async function cordon(node: string, on: boolean): Promise<void> {
    if (KUBECTL) await kubectl(on ? 'cordon' : 'uncordon', node);
    else env.sim!.nodes.modify(node, (n) => void (n.spec = { ...n.spec, unschedulable: on }));
  }

  async function nodeNames(limit = 1000): Promise<string[]> {
    const res = await fetch(`${env.baseUrl}${ApiRoutes.nodes(env.cluster)}?limit=${limit}`);
    return ((await res.json()) as NodeListResponse).items.map((n) => n.name);
  }

  async function open(path: string): Promise<void> {
    await page.goto(`${env.baseUrl}${path}`);
  }

  async function openNodes(query = ''): Promise<void> {
    await open(`/clusters/${env.cluster}/nodes${query}`);
    await page.getByTestId('node-row').first().waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor();
  }

  beforeAll(async () => {
    env = await startBrowserEnv(NODES, { podsPerNode: 3 });
    browser = await launchChromium();
  }, STEP_TIMEOUT_MS);

  beforeEach(async () => {
    ({ context, page } = await openPage(browser));
  });

  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  }, STEP_TIMEOUT_MS);

  it('tests a connection from the register dialog (the request carries no name, so the API accepts it)', async () => {
    await open('/clusters');
    await page.getByTestId('cluster-register-open').click();
    await page.getByTestId('cluster-name').fill('another');
    await page.getByTestId('cluster-kubeconfig').fill(env.sim!.kubeconfig);
    await page.getByTestId('cluster-test').click();
    await page.getByTestId('cluster-test-result').waitFor();
    expect(await page.getByTestId('api-error').count()).toBe(0);
  }, STEP_TIMEOUT_MS);

  it('shows a not-found page for an unknown path, with a link back that works', async () => {
    await open('/no/such/page');
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found-path').innerText()).toBe('/no/such/page');
    await page.getByTestId('not-found-home').click();
    await page.waitForURL(`**/clusters/${env.cluster}/nodes**`);
  }, STEP_TIMEOUT_MS);

  it('reads the node list once per page load, and an unknown task once, showing only its not-found state', async () => {
    const requests = recordApiRequests(page);
    await openNodes();
    await page.waitForLoadState('networkidle');
    const listReads = requests.count(`GET ${ApiRoutes.nodes(env.cluster)}`);
    await open('/tasks/no-such-task');
    await page.getByTestId('task-not-found').waitFor();
    await page.waitForLoadState('networkidle');
    expect({
      listReads,
      taskReads: requests.count(`GET ${ApiRoutes.task('no-such-task')}`),
      eventReads: requests.count(`GET ${ApiRoutes.taskEvents('no-such-task')}`),
      panel: await page.getByTestId('task-panel').count(),
      cancel: await page.getByTestId('task-cancel').count(),
    }).toEqual({ listReads: 1, taskReads: 1, eventReads: 0, panel: 0, cancel: 0 });
  }, STEP_TIMEOUT_MS);

  it('never shows Live for a cluster that does not exist', async () => {
    await open('/clusters/ghost/nodes');
    await page.getByTestId('api-error').waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="unavailable"]').waitFor();
    expect(await page.getByTestId('live-indicator').innerText()).toBe('Not live');
  }, STEP_TIMEOUT_MS);

  it('moves the Cordoned facet count after kubectl cordon, for a node on the page and one on another page', async () => {
    const names = await nodeNames();
    await openNodes('?limit=5');
    const onPage = (await page.getByTestId('node-row').first().getAttribute('data-node'))!;
    const offPage = names.filter((n) => n !== onPage).at(-1)!;
    await page.getByTestId('facet-scheduling').click();
    const option = page.getByTestId('facet-scheduling-cordoned');
    const count = async (): Promise<number> => Number(/\((\d+)\)/.exec(await option.innerText())?.[1]);
    const before = await count();
    try {
      await cordon(onPage, true);
      await waitFor('the facet count after cordoning a node on the page', async () => (await count()) === before + 1, 10_000);
      await cordon(offPage, true);
      await waitFor('the facet count after cordoning a node on another page', async () => (await count()) === before + 2, 10_000);
    } finally {
      await cordon(onPage, false);
      await cordon(offPage, false);
    }
    await waitFor('the facet count after uncordoning both', async () => (await count()) === before, 10_000);
  }, STEP_TIMEOUT_MS);

  it('updates an open node page when the node is labelled with kubectl', async () => {
    const [name] = await nodeNames(1);
    await open(`/clusters/${env.cluster}/nodes/${name}`);
    await page.getByTestId('node-detail-summary').waitFor();
    const value = `v${Date.now().toString(36)}`;
    if (KUBECTL) await kubectl('label', 'node', name, `e2e.knm.io/live=${value}`);
    else env.sim!.nodes.setLabels(name, { 'e2e.knm.io/live': value });
    await page.getByTestId('node-detail-label').filter({ hasText: `e2e.knm.io/live=${value}` }).waitFor({ timeout: 10_000 });
  }, STEP_TIMEOUT_MS);

  it('says what a drain would do to each pod (never "evicted" on a node nobody drains) and shows quantities in human units', async () => {
    const [name] = await nodeNames(1);
    await open(`/clusters/${env.cluster}/nodes/${name}`);
    await page.getByTestId('node-pod-row').first().waitFor();
    const drain = await page.getByTestId('node-pod-drain').allInnerTexts();
    const storage = page.locator('[data-resource="ephemeral-storage"] [data-testid="resource-allocatable"]');
    const memory = page.locator('[data-resource="memory"] [data-testid="resource-capacity"]');
    expect({
      pastTense: drain.filter((t) => /^evicted\b/i.test(t.trim())),
      wording: drain.every((t) => /^(Would be evicted|Would block the drain|Skipped)/.test(t.trim())),
      storage: /^[\d.,]+ (KiB|MiB|GiB|TiB)$/.test(await storage.innerText()),
      storageRaw: /^\d+(\.\d+)?([KMGT]i?|[eE]\d+)?$/.test((await storage.getAttribute('title')) ?? ''),
      memory: /^[\d.,]+ (MiB|GiB|TiB)$/.test(await memory.innerText()),
    }).toEqual({ pastTense: [], wording: true, storage: true, storageRaw: true, memory: true });
  }, STEP_TIMEOUT_MS);

  it('opens modal dialogs that Enter submits: cordon from the reason field, uncordon from its focused button', async () => {
    await openNodes();
    const rows = page.getByTestId('node-row');
    for (const i of [0, 1]) await rows.nth(i).getByTestId('select-node').locator('input').check();
    await page.getByTestId('action-nodes.cordon').click();
    const modal = await page.locator('mat-dialog-container').getAttribute('aria-modal');
    await page.getByTestId('cordon-reason').fill('e2e: Enter submits');
    await page.getByTestId('cordon-reason').press('Enter');
    await waitText(page.getByTestId('task-phase'), 'Succeeded', TASK_TIMEOUT_MS);
    const cordonTask = new URL(page.url()).searchParams.get('task');
    await page.getByTestId('action-nodes.uncordon').click();
    await page.locator('[data-testid="uncordon-submit"]:focus').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !!u.searchParams.get('task') && u.searchParams.get('task') !== cordonTask, { timeout: 30_000 });
    const uncordonTask = new URL(page.url()).searchParams.get('task')!;
    await page
      .locator('[data-testid="task-panel"][data-phase="succeeded"]')
      .filter({ has: page.getByTestId('task-id').filter({ hasText: uncordonTask }) })
      .waitFor({ timeout: TASK_TIMEOUT_MS });
    expect({ modal, cordonTask: !!cordonTask, kind: await page.getByTestId('task-panel').locator('.kind').innerText() }).toEqual({
      modal: 'true', cordonTask: true, kind: 'Uncordon task',
    });
  }, STEP_TIMEOUT_MS);

  itWithSim('asks before cancelling a running task, and cancels only once confirmed', async () => {
    env.sim!.faults.set({ latencyMs: 1_500 });
    try {
      await openNodes();
      await page.getByTestId('select-page').locator('input').check();
      await page.getByTestId('action-nodes.labels').click();
      await page.getByTestId('label-key-0').fill('e2e.knm.io/cancel');
      await page.getByTestId('label-value-0').fill('me');
      await page.getByTestId('label-submit').click();
      await waitText(page.getByTestId('task-phase'), 'Running', 30_000);
      await page.getByTestId('task-cancel').click();
      await page.getByTestId('confirm-title').waitFor();
      await page.getByTestId('confirm-cancel').click();
      await page.getByTestId('confirm-title').waitFor({ state: 'detached' });
      const keptRunning = await page.getByTestId('task-cancel').isEnabled();
      await page.getByTestId('task-cancel').click();
      await page.getByTestId('confirm-ok').click();
      await waitText(page.getByTestId('task-phase'), 'Cancelled', TASK_TIMEOUT_MS);
      expect(keptRunning).toBe(true);
    } finally {
      env.sim!.faults.set({ latencyMs: 0 });
    }
  }, STEP_TIMEOUT_MS);

  itWithSim('says offline at once when the API goes away, explains what cannot load, and recovers by itself', async () => {
    await openNodes();
    await page.getByTestId('node-row').first().getByTestId('select-node').locator('input').check();
    const killedAt = Date.now();
    await env.api!.kill();
    try {
      await page.locator('[data-testid="live-indicator"][data-state="offline"]').waitFor({ timeout: 5_000 });
      await page.locator('[data-testid="connection-state"][data-state="disconnected"]').waitFor({ timeout: 5_000 });
      process.stdout.write(`browser e2e: the nodes page said offline ${Date.now() - killedAt} ms after the API was killed\n`);
      const url = page.url();
      await page.getByTestId('nav-tasks.nav').click();
      await page.locator('simple-snack-bar').filter({ hasText: 'This page could not be loaded' }).waitFor({ timeout: 10_000 });
      await page.getByTestId('action-nodes.labels').click();
      await page.locator('simple-snack-bar').filter({ hasText: 'This action could not be opened' }).waitFor({ timeout: 10_000 });
      expect({ url: page.url(), reload: await page.locator('simple-snack-bar button').last().innerText() }).toEqual({ url, reload: 'Reload' });
    } finally {
      await env.api!.restart();
    }
    await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
  }, STEP_TIMEOUT_MS);
});
