import type { Labels } from '@knm/contracts';
import { LABEL_SELECTOR_CASES } from '@knm/contracts/testing';
import { startKubeSim, type KubeSim } from '../src';
import { request } from './helpers';

/** Stable identity of a label set (keys sorted). */
const identity = (labels: Labels): string => JSON.stringify(Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * The apimachinery conformance table (libs/contracts/src/testing) over kube-sim's HTTP API, the
 * tests' oracle for the API server: `GET /api/v1/nodes?labelSelector=` answers 400 BadRequest
 * where apimachinery refuses the selector, and otherwise lists exactly the nodes whose labels
 * match. Every label set of the table is one node, labelled exactly so.
 */
describe('kube-sim lists nodes by label selector as the API server does', () => {
  let sim: KubeSim;
  const nodeOf = new Map<string, string>();

  beforeAll(async () => {
    const labelSets = new Map<string, Labels>();
    for (const c of LABEL_SELECTOR_CASES) for (const [labels] of c.matches ?? []) labelSets.set(identity(labels), labels);
    sim = await startKubeSim({ nodes: labelSets.size, seed: 'selector-conformance', podsPerNode: 0 });
    const names = sim.nodes.list().map((n) => n.metadata.name);
    [...labelSets].forEach(([id, labels], i) => {
      sim.nodes.modify(names[i], (node) => void (node.metadata.labels = { ...labels }));
      nodeOf.set(id, names[i]);
    });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it.each(LABEL_SELECTOR_CASES.map((c) => [c.from, JSON.stringify(c.selector), c] as const))('%s %s', async (_from, _name, c) => {
    const res = await request(`${sim.url}/api/v1/nodes?labelSelector=${encodeURIComponent(c.selector)}`);
    if (c.canonical === null) {
      expect([res.status, res.body.reason]).toEqual([400, 'BadRequest']);
      return;
    }
    expect(res.status).toBe(200);
    const listed = new Set((res.body.items as { metadata: { name: string } }[]).map((n) => n.metadata.name));
    expect((c.matches ?? []).map(([labels]) => listed.has(nodeOf.get(identity(labels))!))).toEqual((c.matches ?? []).map(([, m]) => m));
  });
});
