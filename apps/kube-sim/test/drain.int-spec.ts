import { startKubeSim, type KubeSim, type Pod } from '../src';
import { busiestWorker, createPodOn, deleteAllBudgets, isPlainWorker, ownerKind, podKey } from './fixtures';
import { waitFor } from '@test/harness';
import { openWatch, request } from './helpers';

jest.setTimeout(120_000);

const eviction = (pod: Pod, deleteOptions?: Record<string, unknown>): { apiVersion: string; kind: string; metadata: { name: string; namespace: string }; deleteOptions?: Record<string, unknown> } => ({
  apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace as string }, ...(deleteOptions ? { deleteOptions } : {}),
});

describe('kube-sim drain realism over HTTP', () => {
  let sim: KubeSim;
  let node: string;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 16, seed: 'drain-realism', timeFactor: 0.01, graceScale: 0.02 });
    node = busiestWorker(sim).metadata.name;
  });
  afterEach(async () => {
    await sim.stop();
  });
  const podUrl = (pod: Pod): string => `${sim.url}/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
  const rsPod = (): Pod => sim.pods.list({ nodeName: node }).find((p) => ownerKind(p) === 'ReplicaSet') as Pod;
  const budgetedPod = (): Pod => {
    const budgets = sim.podDisruptionBudgets.list();
    return sim.pods.list().find((p) => ownerKind(p) === 'ReplicaSet' && budgets.some((b) => b.metadata.namespace === p.metadata.namespace && b.spec.selector?.matchLabels?.app === p.metadata.labels?.app)) as Pod;
  };

  it('an evicted pod shows deletionTimestamp = now + its terminationGracePeriodSeconds until it goes', async () => {
    const pod = rsPod();
    const w = openWatch(`${sim.url}/api/v1/namespaces/${pod.metadata.namespace}/pods?watch=true&fieldSelector=metadata.name%3D${pod.metadata.name}&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.pods === 1);
    const started = Date.now();
    expect((await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod) })).status).toBe(201);
    await waitFor('DELETED', () => w.events.some((e) => e.type === 'DELETED'));
    w.close();
    const terminating = w.events.find((e) => e.type === 'MODIFIED')?.object.metadata as { deletionTimestamp: string; deletionGracePeriodSeconds: number };
    expect(terminating.deletionGracePeriodSeconds).toBe(30);
    const deadline = Date.parse(terminating.deletionTimestamp);
    expect(deadline - started).toBeGreaterThan(28_000);
    expect(deadline - started).toBeLessThan(32_000);
  });

  it('deleteOptions.gracePeriodSeconds of an eviction overrides the pod\'s own grace period', async () => {
    const pod = rsPod();
    await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod, { gracePeriodSeconds: 5 }) });
    expect(sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(sim.stats().disruptions.pods[podKey(pod)]).toMatchObject({ evictions: 1, lastGracePeriodSeconds: 5 });
  });

  it('a second DELETE may shorten the grace period but not lengthen it', async () => {
    const pod = rsPod();
    await request(`${podUrl(pod)}?gracePeriodSeconds=60`, { method: 'DELETE' });
    await request(podUrl(pod), { method: 'DELETE', body: { gracePeriodSeconds: 90 } });
    const kept = sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.deletionGracePeriodSeconds;
    await request(podUrl(pod), { method: 'DELETE', body: { gracePeriodSeconds: 10 } });
    expect([kept, sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.deletionGracePeriodSeconds]).toEqual([60, 10]);
  });

  it('counts a 429 by the budget\'s name, per pod and in total, and a DELETE of a covered pod as a bypass', async () => {
    const pod = budgetedPod();
    const ns = pod.metadata.namespace as string;
    const app = pod.metadata.labels?.app as string;
    const pdbUrl = `${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`;
    for (const b of sim.podDisruptionBudgets.list(ns)) await request(`${pdbUrl}/${b.metadata.name}`, { method: 'DELETE' });
    await request(pdbUrl, { method: 'POST', body: { metadata: { name: 'strict' }, spec: { maxUnavailable: 0, selector: { matchLabels: { app } } } } });
    const refused = await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod) });
    const deleted = await request(`${podUrl(pod)}?gracePeriodSeconds=0`, { method: 'DELETE' });
    const stats = sim.stats().disruptions;
    expect([refused.status, deleted.status]).toEqual([429, 200]);
    expect(stats.blockedByBudget).toEqual({ [`${ns}/strict`]: 1 });
    expect(stats.pods[podKey(pod)]).toMatchObject({ evictionsBlocked: 1, blockedBy: { [`${ns}/strict`]: 1 }, deletes: 1, coveredDeletes: 1, lastGracePeriodSeconds: 0 });
    expect([stats.evictions.blocked, stats.deletes.total, stats.deletes.coveredByBudget]).toEqual([1, 1, 1]);
    expect(stats.coveredDeletes).toEqual([expect.objectContaining({ pod: podKey(pod), uid: pod.metadata.uid, budgets: [`${ns}/strict`], dryRun: false })]);
  });

  it('an eviction or DELETE with dryRun=All changes nothing and is counted as a dry run', async () => {
    const pod = rsPod();
    const viaQuery = await request(`${podUrl(pod)}/eviction?dryRun=All`, { method: 'POST', body: eviction(pod) });
    const viaBody = await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod, { dryRun: ['All'] }) });
    const del = await request(`${podUrl(pod)}?dryRun=All`, { method: 'DELETE' });
    const stats = sim.stats().disruptions;
    expect([viaQuery.status, viaBody.status, del.status]).toEqual([201, 201, 200]);
    expect(sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.deletionTimestamp).toBeUndefined();
    expect([stats.evictions.dryRun, stats.evictions.allowed, stats.deletes.dryRun, stats.deletes.total]).toEqual([2, 0, 1, 0]);
  });

  it('POST /sim/stats/reset zeroes the request and disruption counters', async () => {
    const pod = rsPod();
    await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod) });
    const reset = await request(`${sim.url}/sim/stats/reset`, { method: 'POST' });
    expect(reset.body).toMatchObject({ requests: { total: 0 }, disruptions: { evictions: { allowed: 0 }, pods: {} } });
    expect(sim.stats().disruptions.evictions.allowed).toBe(0);
  });

  it('a pod on a node whose kubelet is silent stays terminating until the kubelet posts again', async () => {
    await deleteAllBudgets(sim);
    const pod = rsPod();
    sim.nodes.setReady(node, 'Unknown');
    await request(`${podUrl(pod)}/eviction`, { method: 'POST', body: eviction(pod, { gracePeriodSeconds: 1 }) });
    // A witness pod on a posting node with the same grace period goes; the silent node's pod does not.
    await createPodOn(sim, sim.nodes.list().find((n) => n.metadata.name !== node && isPlainWorker(n))?.metadata.name as string, 'witness');
    await request(`${sim.url}/api/v1/namespaces/default/pods/witness?gracePeriodSeconds=1`, { method: 'DELETE' });
    await waitFor('the witness to go', () => sim.pods.get('default', 'witness') === undefined);
    expect(sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    sim.nodes.setReady(node, 'True');
    await waitFor('the stuck pod to go', () => sim.pods.get(pod.metadata.namespace as string, pod.metadata.name)?.metadata.uid !== pod.metadata.uid);
  });

  it('marks the pods of a silent node not ready and ready again when its kubelet returns', async () => {
    const ready = (): string[] => sim.pods.list({ nodeName: node }).filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).map(podKey).sort();
    const before = ready();
    sim.nodes.setReady(node, 'Unknown');
    expect(ready()).toEqual([]);
    sim.nodes.setReady(node, 'True');
    expect(ready()).toEqual(before);
  });

  it('replaces a ReplicaSet pod under a new name and a StatefulSet pod under its name with a new uid, with Killing and Scheduled events', async () => {
    await deleteAllBudgets(sim);
    const rs = rsPod();
    const sts = sim.pods.list().find((p) => ownerKind(p) === 'StatefulSet') as Pod;
    const sameReplicaSet = (p: Pod): boolean => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.ownerReferences?.[0]?.uid;
    const siblings = new Set(sim.pods.list({ namespace: rs.metadata.namespace }).filter(sameReplicaSet).map((p) => p.metadata.name));
    for (const p of [rs, sts]) await request(`${podUrl(p)}/eviction`, { method: 'POST', body: eviction(p) });
    await waitFor('StatefulSet replacement', () => {
      const p = sim.pods.get(sts.metadata.namespace as string, sts.metadata.name);
      return p && p.metadata.uid !== sts.metadata.uid && p.status.phase === 'Running';
    });
    const rsNew = await waitFor('ReplicaSet replacement', () => sim.pods.list({ namespace: rs.metadata.namespace }).find((p) => sameReplicaSet(p) && !siblings.has(p.metadata.name)));
    const reasons = (name: string): string[] => sim.events.list({ involvedName: name }).map((e) => e.reason);
    expect(reasons(rs.metadata.name)).toContain('Killing');
    expect(reasons(rsNew.metadata.name)).toContain('Scheduled');
    expect(reasons(sts.metadata.name)).toEqual(expect.arrayContaining(['Killing', 'Scheduled']));
  });

  it('keeps a replacement Pending while no node fits and binds it once a node is uncordoned', async () => {
    await deleteAllBudgets(sim);
    const pod = rsPod();
    for (const n of sim.nodes.list()) sim.nodes.modify(n.metadata.name, (x) => void (x.spec.unschedulable = true));
    await request(`${podUrl(pod)}?gracePeriodSeconds=0`, { method: 'DELETE' });
    const pending = await waitFor('a Pending replacement', () => sim.pods.list({ namespace: pod.metadata.namespace }).find((p) => !p.spec.nodeName && p.metadata.labels?.['pod-template-hash'] === pod.metadata.labels?.['pod-template-hash']));
    expect(sim.events.list({ involvedName: pending.metadata.name }).map((e) => e.reason)).toEqual(['FailedScheduling']);
    sim.nodes.modify(node, (x) => void delete x.spec.unschedulable);
    const bound = await waitFor('binding', () => sim.pods.get(pending.metadata.namespace as string, pending.metadata.name)?.spec.nodeName);
    expect(bound).toBe(node);
  });
});
