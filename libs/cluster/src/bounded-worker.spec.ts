import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoundedWorker, WorkerJobError } from './bounded-worker';

/** A worker script: echoes input, except `spin` (never answers), `hog` (allocates until out of memory) and `exit`. */
const SCRIPT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, input }) => {
  if (input === 'spin') for (;;) {}
  if (input === 'hog') { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); }
  if (input === 'exit') process.exit(3);
  parentPort.postMessage({ id, output: { echo: input } });
});
`;

describe('BoundedWorker', () => {
  let dir: string;
  let worker: BoundedWorker;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knm-worker-'));
    writeFileSync(join(dir, 'w.js'), SCRIPT);
    worker = new BoundedWorker(join(dir, 'w.js'), { maxHeapMb: 16, stackMb: 1 });
  });
  afterEach(async () => {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers jobs in order', async () => {
    await expect(Promise.all([worker.run('a', 5000), worker.run('b', 5000)])).resolves.toEqual([{ echo: 'a' }, { echo: 'b' }]);
  });

  it('fails a job that runs past its deadline, then serves the next one from a new worker', async () => {
    const spun = worker.run('spin', 300);
    const next = worker.run('after', 5000);
    await expect(spun).rejects.toMatchObject({ reason: 'timeout' });
    await expect(next).resolves.toEqual({ echo: 'after' });
  });

  it('fails a job whose deadline passes while it waits behind a slow one', async () => {
    const spun = worker.run('spin', 400);
    const queued = worker.run('queued', 100);
    await expect(queued).rejects.toBeInstanceOf(WorkerJobError);
    await expect(spun).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('fails a job whose worker runs out of memory, and recovers', async () => {
    await expect(worker.run('hog', 20_000)).rejects.toMatchObject({ reason: 'crashed' });
    await expect(worker.run('ok', 5000)).resolves.toEqual({ echo: 'ok' });
  });

  it('fails a job whose worker exits', async () => {
    await expect(worker.run('exit', 5000)).rejects.toMatchObject({ reason: 'crashed' });
  });

  it('refuses jobs after close', async () => {
    await worker.close();
    await expect(worker.run('x', 1000)).rejects.toThrow(/closed/);
  });
});
