import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ApiRoutes, NodeSummary } from '@knm/contracts';
import { waitFor } from '../../harness';
import { NodesFixture, registerSim, startNodesFixture } from './nodes-fixture';

jest.setTimeout(60_000);

const run = promisify(execFile);
const CLUSTER = 'sim';

const kubectlOnPath = spawnSync('kubectl', ['version', '--client'], { timeout: 10_000 }).status === 0;
if (!kubectlOnPath) process.stderr.write('kubectl is not on PATH: skipping the kubectl integration tests\n');
const itWithKubectl = kubectlOnPath ? it : it.skip;

describe('kubectl changes on kube-sim read back through the API', () => {
  let f: NodesFixture | undefined;
  let node = '';

  beforeAll(async () => {
    if (!kubectlOnPath) return;
    f = await startNodesFixture({ nodes: 5, podsPerNode: 0 });
    await registerSim(f, CLUSTER);
    node = f.sim.nodes.list()[0].metadata.name!;
  });
  afterAll(async () => {
    await f?.stop();
  });

  const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', f!.sim.kubeconfigPath, ...args], { timeout: 20_000 });
  const apiNode = async () => (await f!.client.get<NodeSummary>(ApiRoutes.node(CLUSTER, node))).body;
  const until = (what: string, check: (n: NodeSummary) => boolean) => waitFor(what, async () => ((n) => (check(n) ? n : undefined))(await apiNode()));

  itWithKubectl('kubectl label shows up as a node label', async () => {
    await kubectl('label', 'node', node, 'knm.test/team=payments');
    await until('label', (n) => n.labels['knm.test/team'] === 'payments');
  });

  itWithKubectl('kubectl taint shows up as a node taint, and its removal too', async () => {
    await kubectl('taint', 'node', node, 'knm.test/dedicated=gpu:NoSchedule');
    await until('taint added', (n) => n.taints.some((t) => t.key === 'knm.test/dedicated' && t.value === 'gpu' && t.effect === 'NoSchedule'));
    await kubectl('taint', 'node', node, 'knm.test/dedicated:NoSchedule-');
    await until('taint removed', (n) => !n.taints.some((t) => t.key === 'knm.test/dedicated'));
  });

  itWithKubectl('kubectl cordon and uncordon show up as unschedulable', async () => {
    await kubectl('cordon', node);
    await until('cordoned', (n) => n.unschedulable);
    await kubectl('uncordon', node);
    await until('uncordoned', (n) => !n.unschedulable);
  });
});
