import { execFile } from 'node:child_process';
import { get } from 'node:http';
import { startKubeSim, type KubeSim } from '../../apps/kube-sim/src';

jest.setTimeout(600_000);

const print = (line: string): void => void process.stdout.write(`kube-sim bench: ${line}\n`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/**
 * Times `GET url` (ms until the last byte, and bytes) from a separate Node process, so the
 * simulator's event loop is not also busy being the client.
 */
function timeGetInChild(url: string): Promise<{ ms: number; bytes: number }> {
  const script = `const t=performance.now();let n=0;require('node:http').get(${JSON.stringify(url)},r=>{r.on('data',c=>n+=c.length);r.on('end',()=>console.log(JSON.stringify({ms:performance.now()-t,bytes:n})))})`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as { ms: number; bytes: number })));
  });
}

/** Opens a watch and resolves once `count` non-initial events arrived. */
function watchUntil(url: string, count: number): { ready: Promise<void>; done: Promise<void> } {
  let seen = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const done = new Promise<void>((resolve) => {
    const req = get(url, (res) => {
      markReady();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) seen++;
        if (seen >= count) {
          req.destroy();
          resolve();
        }
      });
    });
  });
  return { ready, done };
}

describe('kube-sim benchmark', () => {
  let sim: KubeSim;
  afterAll(async () => {
    await sim?.stop();
  });

  it('measures a 10,000-node / 100,000-pod cluster', async () => {
    const [started, startMs] = await timed(() => startKubeSim({ nodes: 10_000, podsPerNode: 10, seed: 'bench' }));
    sim = started;
    const pods = sim.pods.list().length;
    print(`start with 10000 nodes and ${pods} pods: ${startMs.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

    for (let i = 0; i < 3; i++) {
      const { ms, bytes } = await timeGetInChild(`${sim.url}/api/v1/nodes`);
      print(`list 10000 nodes (run ${i + 1}${i === 0 ? ', cold serialization cache' : ''}): ${ms.toFixed(0)} ms, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    }
    for (let i = 0; i < 2; i++) {
      const { ms, bytes } = await timeGetInChild(`${sim.url}/api/v1/pods`);
      print(`list ${pods} pods (run ${i + 1}): ${ms.toFixed(0)} ms, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    }
    const node = sim.nodes.list()[500].metadata.name;
    const field = await timeGetInChild(`${sim.url}/api/v1/pods?fieldSelector=spec.nodeName%3D${node}&limit=500`);
    print(`list pods on one node (fieldSelector, as drain; includes child process request): ${field.ms.toFixed(1)} ms`);

    const names = sim.nodes.list().map((n) => n.metadata.name);
    const patch = (i: number): Promise<Response> =>
      fetch(`${sim.url}/api/v1/nodes/${names[i % names.length]}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { labels: { 'bench/seq': String(i) } } }),
      });
    const sequential = 2000;
    const [, seqMs] = await timed(async () => {
      for (let i = 0; i < sequential; i++) await (await patch(i)).arrayBuffer();
    });
    print(`node merge patches, sequential: ${((sequential / seqMs) * 1000).toFixed(0)} /s`);
    const parallel = 4000;
    const [, parMs] = await timed(async () => {
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < parallel) await (await patch(next++)).arrayBuffer();
      }));
    });
    print(`node merge patches, 16 concurrent: ${((parallel / parMs) * 1000).toFixed(0)} /s`);

    const events = 1000;
    const watchers = Array.from({ length: 50 }, () => watchUntil(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}`, events));
    await Promise.all(watchers.map((w) => w.ready));
    const [, fanMs] = await timed(async () => {
      for (let i = 0; i < events; i++) sim.nodes.setLabels(names[i], { 'bench/fan': String(i) });
      await Promise.all(watchers.map((w) => w.done));
    });
    print(`watch fan-out: ${events} node changes to 50 watchers in ${fanMs.toFixed(0)} ms (${((events * 50) / fanMs * 1000).toFixed(0)} deliveries/s)`);
  });
});
