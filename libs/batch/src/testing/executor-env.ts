import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreV1Api, V1Node } from '@kubernetes/client-node';
import type { DataSource } from 'typeorm';
import type { NodeSummary, TaskEvent, TaskResponse } from '@knm/contracts';
import { TERMINAL_TASK_STATUSES } from '@knm/contracts';
import { AppConfig, Clock, parseSettings, RandomSource } from '@knm/common';
import type { ClusterClientProvider } from '@knm/cluster';
import { openDatabase } from '@knm/persistence';
import { waitFor } from '@test/harness';
import { createProgressServices } from '@knm/progress';
import { RealtimePublisher } from '@knm/realtime';
import type { NodeIndex } from '@knm/smart-cache';
import { BatchService } from '../batch.service';
import { NodeOperationRegistry } from '../node-operation.registry';
import { CordonOperation, LabelOperation, TaintOperation, UncordonOperation } from '../operations';
import { TaskExecutor } from '../task-executor';
import { FakeNodeApi } from './fake-node-api';

/** A clock whose sleeps return at once (after a macrotask), advancing `now` and recording each wait. */
export class FakeClock extends Clock {
  time = Date.parse('2026-11-21T10:00:00Z');
  readonly sleeps: number[] = [];
  override now(): number {
    return this.time;
  }
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      setImmediate(() => {
        this.time += ms;
        if (signal?.aborted) reject(signal.reason);
        else resolve();
      });
    });
  }
}

/** Deterministic randomness: `next()` is always `value`; uuids are sequential UUID-shaped strings. */
export class FixedRandom extends RandomSource {
  private n = 0;
  constructor(private readonly value = 0.5) {
    super();
  }
  override next(): number {
    return this.value;
  }
  override uuid(): string {
    return `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
  }
}

/** client-node CoreV1Api's node methods over a FakeNodeApi. */
export function fakeCore(api: FakeNodeApi): CoreV1Api {
  return {
    readNode: ({ name }: { name: string }) => api.readNode(name),
    patchNode: ({ name, body, dryRun }: { name: string; body: object; dryRun?: string }) => api.mergePatchNode(name, body, dryRun === 'All'),
  } as unknown as CoreV1Api;
}

function summaryOf(n: V1Node): NodeSummary {
  return { name: n.metadata!.name!, labels: n.metadata!.labels ?? {} } as NodeSummary;
}

export interface ExecutorEnvOptions {
  replicaId?: string;
  taskMaxAttempts?: number;
  clusterMaxConcurrency?: number;
  dataDir?: string;
}

/**
 * The real progress + batch stack on a SQLite file in a temp dir, with fakes only at the I/O
 * boundaries: Kubernetes (FakeNodeApi), sockets (events recorded), clock and randomness.
 */
export async function createExecutorEnv(opts: ExecutorEnvOptions = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'knm-batch-'));
  const ds: DataSource = await openDatabase({ databaseUrl: null, dataDir });
  // The settings schema with its defaults and rules, as at boot; only what these tests vary is given
  // (the default task concurrency may not exceed the cluster ceiling, as the schema requires).
  const clusterMaxConcurrency = opts.clusterMaxConcurrency ?? 50;
  const settings = parseSettings({
    file: {
      name: 'executor-env',
      values: {
        dataDir, replicaId: opts.replicaId ?? 'replica-a', clusterMaxConcurrency, taskDefaultConcurrency: Math.min(10, clusterMaxConcurrency),
        taskMaxAttempts: opts.taskMaxAttempts ?? 8, taskHeartbeatMs: 1000, taskTakeoverAfterMs: 3000, taskDeadlineMs: 3_600_000,
      },
    },
  });
  const config = AppConfig.of({ ...settings, encryptionKey: Buffer.alloc(32, 1) });
  const clock = new FakeClock();
  const random = new FixedRandom();
  const published: TaskEvent[] = [];
  const publisher: RealtimePublisher = { publishTaskEvent: (e) => published.push(e), publishNodeChanged: () => undefined, publishClusterStatus: () => undefined };
  const { progress, ownership, ownershipRepository } = createProgressServices(ds, publisher, clock, config);
  const registry = new NodeOperationRegistry([new LabelOperation(), new TaintOperation(), new CordonOperation(), new UncordonOperation()]);
  const api = new FakeNodeApi();
  const clusters: ClusterClientProvider = {
    clientsFor: async (cluster) => ({ cluster, kubeConfig: null as never, core: fakeCore(api) }),
    clusterNames: async () => ['c1'],
  };
  const nodeIndex: NodeIndex = {
    get: (_c, name) => (api.node(name) ? summaryOf(api.node(name)!) : undefined),
    select: () => [],
    isSynced: () => true,
  };
  const executor = new TaskExecutor(progress, ownership, registry, clusters, nodeIndex, config, clock, random);
  executor.onModuleInit();
  const batch = new BatchService(registry, progress, executor, clusters, nodeIndex, config, clock, random);

  /** Polls until the task has ended (deadline 10 s); returns it with node results. */
  function untilEnded(id: string): Promise<TaskResponse> {
    return waitFor(`task ${id} to end`, async () => {
      const task = await progress.getTask(id);
      return TERMINAL_TASK_STATUSES.includes(task.status) ? task : undefined;
    }, 10_000, 5);
  }

  async function allEvents(id: string): Promise<TaskEvent[]> {
    return (await progress.getEvents(id, 0, 1000)).items;
  }

  async function close(keepData = false): Promise<void> {
    await executor.onModuleDestroy();
    await ownership.onModuleDestroy();
    await ds.destroy();
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  }

  /** Simulates SIGKILL: the database connection goes, the executor is never shut down (its pending work is abandoned). */
  async function kill(keepData = false): Promise<void> {
    await ownership.onModuleDestroy();
    await ds.destroy();
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  }

  return { kill, dataDir, ds, ownershipRepository, config, clock, random, published, progress, ownership, registry, api, executor, batch, untilEnded, allEvents, close };
}

export type ExecutorEnv = Awaited<ReturnType<typeof createExecutorEnv>>;
