import { startKubeSim, type KubeSim, type Pod } from '../src';
import { busiestWorker, createPodOn, deleteAllBudgets, isMirror, ownerKind, podKey } from './fixtures';
import { waitFor } from '@test/harness';
import { kubectl, kubectlAvailable, request, type KubectlResult } from './helpers';

jest.setTimeout(120_000);

const describeKubectl = kubectlAvailable() ? describe : describe.skip;
if (!kubectlAvailable()) process.stdout.write('kube-sim kubectl drain tests skipped: kubectl is not on PATH\n');

/**
 * `kubectl drain` against kube-sim with every option that changes the outcome. The target node
 * holds DaemonSet pods, ReplicaSet/StatefulSet pods, a ReplicaSet pod with an emptyDir volume, a
 * bare pod and a finished bare pod; budgets are removed unless a test adds its own.
 */
describeKubectl('kubectl drain against kube-sim', () => {
  let sim: KubeSim;
  let node: string;
  let before: Map<string, Pod>;
  const ALL = ['--ignore-daemonsets', '--delete-emptydir-data', '--force'];

  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 16, seed: 'kubectl-drain', timeFactor: 0.01, graceScale: 0.01 });
    await deleteAllBudgets(sim);
    node = busiestWorker(sim).metadata.name;
    const rsPod = sim.pods.list({ nodeName: node }).find((p) => ownerKind(p) === 'ReplicaSet' && !p.spec.volumes) as Pod;
    await request(`${sim.url}/api/v1/namespaces/${rsPod.metadata.namespace}/pods`, {
      method: 'POST',
      body: { ...rsPod, metadata: { ...rsPod.metadata, name: `${rsPod.metadata.name}-scratch`, resourceVersion: undefined, uid: undefined }, spec: { ...rsPod.spec, volumes: [{ name: 'scratch', emptyDir: {} }] } },
    });
    await createPodOn(sim, node, 'bare-shell');
    await createPodOn(sim, node, 'finished-job', { phase: 'Succeeded' });
    before = new Map(sim.pods.list({ nodeName: node }).map((p) => [podKey(p), p]));
  });
  afterEach(async () => {
    await sim.stop();
  });

  const drain = (...flags: string[]): Promise<KubectlResult> => kubectl(sim.kubeconfigPath, ['drain', node, ...flags]);
  const keys = (filter: (p: Pod) => boolean): string[] => [...before.values()].filter(filter).map(podKey).sort();
  const daemonPods = (): string[] => keys((p) => ownerKind(p) === 'DaemonSet');
  const evictable = (): string[] => keys((p) => ownerKind(p) !== 'DaemonSet' && !isMirror(p));
  /** Pods of `before` still on the node with the same uid and not terminating. */
  const untouched = (): string[] => [...before.values()].filter((p) => {
    const now = sim.pods.get(p.metadata.namespace as string, p.metadata.name);
    return now?.metadata.uid === p.metadata.uid && !now.metadata.deletionTimestamp;
  }).map(podKey).sort();
  /** Pods of `before` whose uid is gone (deleted, or replaced by a pod with the same name). */
  const gone = (): string[] => [...before.values()].filter((p) => sim.pods.get(p.metadata.namespace as string, p.metadata.name)?.metadata.uid !== p.metadata.uid).map(podKey).sort();
  const cordoned = (): boolean => sim.nodes.get(node)?.spec.unschedulable === true;
  const isTerminal = (p: Pod): boolean => p.status.phase === 'Succeeded' || p.status.phase === 'Failed';

  it('without options refuses DaemonSet, emptyDir and bare pods, evicts nothing and leaves the node cordoned', async () => {
    const out = await drain();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    expect(out.stderr).toContain('cannot delete Pods with local storage (use --delete-emptydir-data to override)');
    expect(out.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare-shell');
    expect(out.stderr).toContain(`There are pending nodes to be drained:\n ${node}`);
    expect(out.stdout).toContain(`node/${node} cordoned`);
    expect([untouched(), cordoned(), sim.stats().disruptions.evictions.allowed]).toEqual([[...before.keys()].sort(), true, 0]);
  });

  it('with --ignore-daemonsets still refuses the emptyDir and bare pods', async () => {
    const out = await drain('--ignore-daemonsets');
    expect(out.code).toBe(1);
    expect(out.stderr).not.toContain('DaemonSet-managed Pods (use');
    expect(out.stderr).toContain('cannot delete Pods with local storage (use --delete-emptydir-data to override)');
    expect(out.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare-shell');
    expect(untouched()).toEqual([...before.keys()].sort());
  });

  it('with --ignore-daemonsets --delete-emptydir-data still refuses the bare pod', async () => {
    const out = await drain('--ignore-daemonsets', '--delete-emptydir-data');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare-shell');
    expect(out.stderr).not.toContain('local storage');
    expect(untouched()).toEqual([...before.keys()].sort());
  });

  it('with --ignore-daemonsets --delete-emptydir-data --force evicts every pod but the DaemonSet pods and waits until they are gone', async () => {
    const out = await drain(...ALL);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^Warning: .*ignoring DaemonSet-managed Pods: /m);
    expect(out.stderr).toContain('deleting Pods that declare no controller: default/bare-shell');
    expect(out.stdout).toContain('pod/bare-shell evicted');
    expect(out.stdout).toContain(`node/${node} drained`);
    expect([gone(), untouched(), cordoned()]).toEqual([evictable(), daemonPods(), true]);
    const stats = sim.stats().disruptions;
    expect([stats.evictions.allowed, stats.evictions.blocked, stats.deletes.total]).toEqual([evictable().length, 0, 0]);
    expect(Object.values(stats.pods).every((p) => p.lastGracePeriodSeconds === null)).toBe(true);
  });

  it('with --pod-selector considers only the selected pods (no flags needed for the others)', async () => {
    const withScratch = new Set([...before.values()].filter((p) => p.spec.volumes?.some((v) => v.emptyDir)).map((p) => p.metadata.labels?.app));
    const app = [...before.values()].find((p) => ownerKind(p) === 'ReplicaSet' && !withScratch.has(p.metadata.labels?.app))?.metadata.labels?.app as string;
    const selected = keys((p) => p.metadata.labels?.app === app);
    const out = await drain(`--pod-selector=app=${app}`);
    expect(out.code).toBe(0);
    expect([gone(), untouched()]).toEqual([selected, [...before.keys()].filter((k) => !selected.includes(k)).sort()]);
  });

  it('with --grace-period=1 evicts with gracePeriodSeconds 1', async () => {
    const out = await drain(...ALL, '--grace-period=1');
    expect(out.code).toBe(0);
    const pods = sim.stats().disruptions.pods;
    expect(evictable().map((k) => pods[k]?.lastGracePeriodSeconds)).toEqual(evictable().map(() => 1));
  });

  it('with --timeout and a PodDisruptionBudget that never allows: 429 until the timeout, the pod stays, nothing bypasses the budget', async () => {
    const victim = [...before.values()].find((p) => ownerKind(p) === 'ReplicaSet' && !p.spec.volumes) as Pod;
    const ns = victim.metadata.namespace as string;
    const app = victim.metadata.labels?.app as string;
    const replicas = sim.pods.list({ namespace: ns }).filter((p) => p.metadata.labels?.app === app).length;
    const created = await request(`${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, { method: 'POST', body: { metadata: { name: 'block' }, spec: { minAvailable: replicas, selector: { matchLabels: { app } } } } });
    expect(created.status).toBe(201);
    const out = await drain(...ALL, '--timeout=6s');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`error when evicting pods/"${victim.metadata.name}" -n "${ns}" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    expect(out.stderr).toContain('global timeout reached: 6s');
    expect(out.stderr).toContain(`There are pending pods in node "${node}" when an error occurred`);
    expect(out.stderr).toContain(`There are pending nodes to be drained:\n ${node}`);
    const stats = sim.stats().disruptions;
    expect(untouched()).toEqual(expect.arrayContaining([podKey(victim)]));
    expect([cordoned(), stats.blockedByBudget[`${ns}/block`] > 0, stats.deletes.coveredByBudget, stats.pods[podKey(victim)].evictions]).toEqual([true, true, 0, 0]);
  });

  it('with --disable-eviction deletes instead, and the counters show the DELETE of a budget-covered pod', async () => {
    const victim = [...before.values()].find((p) => ownerKind(p) === 'ReplicaSet' && !p.spec.volumes) as Pod;
    const ns = victim.metadata.namespace as string;
    await request(`${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, { method: 'POST', body: { metadata: { name: 'bypassed' }, spec: { minAvailable: 100, selector: { matchLabels: { app: victim.metadata.labels?.app as string } } } } });
    const out = await drain(...ALL, '--disable-eviction');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('pod/bare-shell deleted');
    expect([gone(), untouched()]).toEqual([evictable(), daemonPods()]);
    const stats = sim.stats().disruptions;
    expect([stats.evictions.allowed, stats.deletes.total, stats.pods[podKey(victim)].coveredDeletes]).toEqual([0, evictable().length, 1]);
    expect(stats.coveredDeletes).toContainEqual(expect.objectContaining({ pod: podKey(victim), budgets: [`${ns}/bypassed`], dryRun: false }));
  });

  it('with --dry-run=client prints what it would do and changes nothing', async () => {
    const out = await drain(...ALL, '--dry-run=client');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`node/${node} cordoned (dry run)`);
    expect(out.stdout).toContain('evicting pod default/bare-shell (dry run)');
    expect(out.stdout).toContain(`node/${node} drained (dry run)`);
    const requests = sim.stats().requests.byVerbAndResource;
    expect([untouched(), cordoned(), requests['create pods/eviction'], requests['patch nodes']]).toEqual([[...before.keys()].sort(), false, undefined, undefined]);
  });

  it('with --dry-run=server sends dry-run cordon and evictions, and nothing changes', async () => {
    const out = await drain(...ALL, '--dry-run=server');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('evicting pod default/bare-shell (server dry run)');
    expect(out.stdout).toContain(`node/${node} drained (server dry run)`);
    const stats = sim.stats();
    expect([untouched(), cordoned(), stats.requests.byVerbAndResource['patch nodes']]).toEqual([[...before.keys()].sort(), false, 1]);
    expect([stats.disruptions.evictions.dryRun, stats.disruptions.evictions.allowed]).toEqual([evictable().length, 0]);
  });

  it('on a node whose kubelet is silent, --skip-wait-for-delete-timeout finishes while the pods stay terminating', async () => {
    sim.nodes.setReady(node, 'Unknown');
    const out = await drain(...ALL, '--grace-period=1', '--skip-wait-for-delete-timeout=1', '--timeout=60s');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('has DeletionTimestamp older than 1 seconds, skipping');
    const terminating = evictable().filter((k) => {
      const [ns, name] = k.split('/');
      return sim.pods.get(ns, name)?.metadata.deletionTimestamp !== undefined;
    });
    expect(terminating).toEqual(keys((p) => ownerKind(p) !== 'DaemonSet' && !isTerminal(p)));
    sim.nodes.setReady(node, 'True');
    await waitFor('terminations to finish once the kubelet is back', () => evictable().every((k) => gone().includes(k)));
  });

  it('on a node whose kubelet is silent, without --skip-wait-for-delete-timeout it times out waiting', async () => {
    sim.nodes.setReady(node, 'Unknown');
    const out = await drain(...ALL, '--grace-period=1', '--timeout=4s');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('error when waiting for pod');
    expect(sim.pods.list({ nodeName: node }).length).toBe(before.size - keys(isTerminal).length);
  });

  it('with --chunk-size=2 lists the pods in pages and evicts them all', async () => {
    const out = await drain(...ALL, '--chunk-size=2');
    expect(out.code).toBe(0);
    expect(gone()).toEqual(evictable());
    expect(sim.stats().requests.byVerbAndResource['list pods']).toBeGreaterThanOrEqual(Math.ceil(before.size / 2));
  });

  it('waits for a StatefulSet pod until a pod with the same name has a new uid', async () => {
    const sts = sim.pods.list().find((p) => ownerKind(p) === 'StatefulSet' && p.spec.nodeName !== node && sim.nodes.get(p.spec.nodeName as string)?.spec.unschedulable !== true) as Pod;
    node = sts.spec.nodeName as string;
    const out = await drain(`--pod-selector=app=${sts.metadata.labels?.app as string}`);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`pod/${sts.metadata.name} evicted`);
    const again = await waitFor('the replacement', () => sim.pods.get(sts.metadata.namespace as string, sts.metadata.name));
    expect([again.metadata.uid === sts.metadata.uid, again.spec.nodeName === node]).toEqual([false, false]);
  });
});
