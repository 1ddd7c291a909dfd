import { ApiRoutes, type NodeListResponse, type TaskListResponse, type TaskResponse } from '@knm/contracts';
import { waitFor } from '../../harness';
import { CLUSTER, startTaskTestEnv, type TaskTestEnv } from '../tasks/task-test-env';
import { barPercentages, CliHome, stripAnsi, type CliResult } from './cli-process';
import { TcpProxy } from './tcp-proxy';

const GROUP = 'cli-group=batch';
const taskIdOf = (r: CliResult): string => /task (\S+) created/.exec(r.stderr)![1];

/**
 * The built `knm` as a child process against the real API and kube-sim (issue 12 item 3):
 * the live bar through a network drop, the REST fallback, exit codes, kubectl-style errors.
 * One attempt per node operation, so an injected 500 fails a node for good.
 */
describe('knm end to end', () => {
  let env: TaskTestEnv;
  let proxy: TcpProxy;
  const home = new CliHome();
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 120 }, { env: { KNM_TASK_MAX_ATTEMPTS: '1' } });
    for (const n of env.nodeNames.slice(0, 100)) env.sim.nodes.setLabels(n, { 'cli-group': 'batch' });
    await waitFor('100 nodes in the selector', async () => (await env.http.get<NodeListResponse>(`${ApiRoutes.nodes(CLUSTER)}?selector=${GROUP}&limit=1`)).body.total === 100);
    proxy = await new TcpProxy(env.api.url).start();
  });
  afterAll(async () => {
    await proxy?.stop();
    await env?.stop();
    home.remove();
  });
  afterEach(() => {
    env.sim.faults.set({ latencyMs: 0, errorRate500: 0 });
    proxy.refuseSocketIo = false;
  });

  /**
   * Labels the 100 grouped nodes through the proxy with the bar forced on, cutting every connection
   * once the bar passes 20% (and from then on refusing Socket.IO when `socketStaysDown`).
   */
  async function labelThroughCut(value: string, extraEnv: Record<string, string>, socketStaysDown = false): Promise<{ result: CliResult; atCut: number }> {
    env.sim.faults.set({ latencyMs: 40 });
    const run = home.spawn(['label', '-l', GROUP, `cli-${value}=done`, '-c', CLUSTER, '--concurrency', '2'], { KNM_SERVER: proxy.url, KNM_PROGRESS: 'bar', ...extraEnv });
    const atCut = await waitFor('the bar past 20%', () => {
      if (run.child.exitCode !== null) throw new Error(`knm exited ${run.child.exitCode}:\n${stripAnsi(run.stdout())}\n${run.stderr()}`);
      const top = Math.max(0, ...barPercentages(run.stdout()));
      return top >= 20 ? top : undefined;
    }, 60_000, 10);
    proxy.refuseSocketIo = socketStaysDown;
    expect(proxy.cutAll()).toBeGreaterThan(0);
    return { result: await run.exited, atCut };
  }

  function expectBarToEndAt100(result: CliResult, atCut: number): void {
    const shown = barPercentages(result.stdout);
    expect(atCut).toBeLessThan(100);
    expect(shown.at(-1)).toBe(100);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(stripAnsi(result.stdout)).toMatch(/\] 100% \| 100\/100 nodes \| 100 ok, 0 failed/);
    expect(result.stdout).toMatch(/\n {2}100 nodes: 100 succeeded, 0 failed, 0 skipped, 0 cancelled\n$/);
  }

  it('labels 100 nodes by selector with the live bar; cut mid-task, the socket comes back, resubscribes after its last seq, and the bar reaches 100%', async () => {
    const socketsBefore = proxy.socketIoConnections;
    const { result, atCut } = await labelThroughCut('drop', { KNM_SOCKET_FALLBACK_MS: '600000' });
    expect(result.stderr).toMatch(/connection to the server lost \(transport close\); reconnecting/);
    const resubscribed = /reconnected; resubscribed to task \S+ after seq (\d+)/.exec(result.stderr);
    expect(Number(resubscribed?.[1])).toBeGreaterThan(2);
    expect(proxy.socketIoConnections - socketsBefore).toBeGreaterThanOrEqual(2);
    expect(result.code).toBe(0);
    expectBarToEndAt100(result, atCut);
    expect(env.sim.nodes.list().filter((n) => n.metadata.labels?.['cli-drop'] === 'done')).toHaveLength(100);
  });

  it('when the socket cannot come back, the task is followed over REST from the last seq and the bar still reaches 100%', async () => {
    const socketsBefore = proxy.socketIoConnections;
    const { result, atCut } = await labelThroughCut('rest', { KNM_SOCKET_FALLBACK_MS: '500' }, true);
    expect(result.stderr).toMatch(/connection to the server lost \(transport close\); reconnecting\n(.*\n)*knm: the socket is not back after \d+ s; following task \S+ over REST/);
    expect(proxy.socketIoConnections - socketsBefore).toBeGreaterThanOrEqual(2);
    expect(result.stderr).not.toMatch(/resubscribed/);
    expect(result.code).toBe(0);
    expectBarToEndAt100(result, atCut);
    expect(env.sim.nodes.list().filter((n) => n.metadata.labels?.['cli-rest'] === 'done')).toHaveLength(100);
  });

  it('some nodes fail: one line per node, the summary names each failed node with its error, exit 1; retry --wait then exits 0', async () => {
    const targets = env.nodeNames.slice(0, 40);
    env.sim.faults.set({ errorRate500: 0.3 });
    const result = await home.run(['label', ...targets, 'cli-partial=yes', '-c', CLUSTER], { KNM_SERVER: env.api.url });
    env.sim.faults.set({ errorRate500: 0 });
    expect(result.code).toBe(1);
    const task = (await env.http.get<TaskResponse>(ApiRoutes.task(taskIdOf(result)))).body;
    const failed = task.nodes!.filter((n) => n.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(task.counts.succeeded).toBeGreaterThan(0);
    for (const n of failed) {
      expect(result.stdout).toContain(`node/${n.node} failed: ${n.error}\n`);
      expect(result.stdout).toContain(`\n  node/${n.node}: ${n.error}\n`);
    }
    for (const n of task.nodes!.filter((x) => x.status === 'succeeded')) expect(result.stdout).toContain(`node/${n.node} labeled\n`);
    expect(result.stdout).toContain(`  40 nodes: ${task.counts.succeeded} succeeded, ${failed.length} failed, 0 skipped, 0 cancelled\nfailed nodes:\n`);

    const listed = await home.run(['tasks', 'ls', '-c', CLUSTER, '--status', 'failed', '-o', 'json'], { KNM_SERVER: env.api.url });
    expect((JSON.parse(listed.stdout) as TaskListResponse).items.map((t) => t.id)).toContain(task.id);
    const retried = await home.run(['tasks', 'retry', task.id, '--wait'], { KNM_SERVER: env.api.url });
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`  ${failed.length} node${failed.length === 1 ? '' : 's'}: ${failed.length} succeeded, 0 failed`);
    expect(env.sim.nodes.list().filter((n) => n.metadata.labels?.['cli-partial'] === 'yes')).toHaveLength(40);
  });

  it.each([
    [['taint', 'NODE', 'foo=bar:Sometimes'], /^error: invalid taint spec: foo=bar:Sometimes, invalid taint effect: Sometimes, unsupported taint effect/],
    [['taint', 'NODE', 'a=b=c:NoSchedule'], /^error: invalid taint spec: a=b=c:NoSchedule\n/],
    [['label', 'NODE', 'a=b=c'], /^error: invalid label spec: a=b=c\n/],
    [['label', 'NODE', 'a=b', 'NODE'], /^error: all resources must be specified before label changes: /],
    [['label', '-l', 'nothing=here', 'x=y'], /^error: the server rejected the request \(400 VALIDATION_FAILED, request id \S+\)\n {2}selector: matches no node\n/],
    [['cordon', 'NODE', '--bogus'], /^error: unknown option '--bogus'/],
  ])('bad input %j: exit 2, the error names the argument, nothing changes', async (args, message) => {
    const node = env.nodeNames[110];
    const before = JSON.stringify(env.sim.nodes.get(node));
    const result = await home.run([...args.map((a) => a.replace('NODE', node)), '-c', CLUSTER], { KNM_SERVER: env.api.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(JSON.stringify(env.sim.nodes.get(node))).toBe(before);
  });

  it('a server that cannot be reached: exit 3', async () => {
    const closed = await new TcpProxy(env.api.url).start();
    await closed.stop();
    const result = await home.run(['nodes', 'ls', '-c', CLUSTER], { KNM_SERVER: closed.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`error: cannot reach the server at ${closed.url}: ECONNREFUSED\n`);
  });
});
