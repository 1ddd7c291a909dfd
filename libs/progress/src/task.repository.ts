import { Injectable } from '@nestjs/common';
import type { TaskKind, TaskListQuery, TaskStatus } from '@knm/contracts';
import { dbBool, dbDate, SqlRow, SqlTx, TaskDb } from './task-db';

/** Rows inserted per multi-row INSERT (keeps parameter counts far below both drivers' limits). */
const CHUNK = 200;

/** What a new task is made of (already validated and resolved by the batch library). */
export interface NewTaskRecord {
  id: string;
  cluster: string;
  kind: TaskKind;
  params: unknown;
  selector: string | null;
  dryRun: boolean;
  concurrency: number;
  createdBy: string;
  retryOf: string | null;
  /** Target nodes in execution order, unique. */
  nodes: string[];
  /** Replica that will execute it (AppConfig.replicaId). */
  owner: string;
  createdAt: Date;
  deadlineAt: Date | null;
}

/** An existing claim on one node. */
export interface NodeClaim {
  node: string;
  taskId: string;
}

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (n: number, per: number) =>
  Array.from({ length: n }, () => `(${Array.from({ length: per }, () => '?').join(', ')})`).join(', ');

/** SQL for the tasks, task_nodes, task_events and node_claims tables (no state machine here). */
@Injectable()
export class TaskRepository {
  constructor(private readonly db: TaskDb) {}

  /** Existing claims on any of `nodes` in `cluster`. */
  async findClaims(tx: SqlTx, cluster: string, nodes: readonly string[]): Promise<NodeClaim[]> {
    const out: NodeClaim[] = [];
    for (const part of chunks(nodes, 500)) {
      const rows = await tx.query(
        `SELECT node, task_id FROM node_claims WHERE cluster = ? AND node IN (${part.map(() => '?').join(', ')})`,
        [cluster, ...part],
      );
      out.push(...rows.map((r) => ({ node: String(r.node), taskId: String(r.task_id) })));
    }
    return out;
  }

  /** Inserts claims of `taskId` on `nodes`; a concurrent claim makes the primary key fail. */
  async insertClaims(tx: SqlTx, cluster: string, nodes: readonly string[], taskId: string, at: Date): Promise<void> {
    for (const part of chunks(nodes)) {
      await tx.query(
        `INSERT INTO node_claims (cluster, node, task_id, claimed_at) VALUES ${marks(part.length, 4)}`,
        part.flatMap((n) => [cluster, n, taskId, dbDate(tx.dialect, at)]),
      );
    }
  }

  /** Inserts the task row (status pending, last_seq 0) and its pending task_nodes rows. */
  async insertTask(tx: SqlTx, t: NewTaskRecord): Promise<void> {
    const d = (v: Date | null) => (v ? dbDate(tx.dialect, v) : null);
    await tx.query(
      `INSERT INTO tasks (id, cluster, kind, params, selector, dry_run, status, concurrency, total, created_by, retry_of,
         owner, heartbeat_at, last_seq, deadline_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      [t.id, t.cluster, t.kind, JSON.stringify(t.params), t.selector, dbBool(tx.dialect, t.dryRun), t.concurrency,
        t.nodes.length, t.createdBy, t.retryOf, t.owner, d(t.createdAt), d(t.deadlineAt), d(t.createdAt)],
    );
    let position = 0;
    for (const part of chunks(t.nodes)) {
      await tx.query(
        `INSERT INTO task_nodes (task_id, node, position, status, attempts) VALUES ${marks(part.length, 5)}`,
        part.flatMap((n) => [t.id, n, position++, 'pending', 0]),
      );
    }
  }

  /** The tasks row, or undefined. */
  async findTask(id: string): Promise<SqlRow | undefined> {
    return (await this.db.read((q) => q.query('SELECT * FROM tasks WHERE id = ?', [id])))[0];
  }

  /** The task's task_nodes rows in execution order. */
  findNodes(id: string, statuses?: readonly string[]): Promise<SqlRow[]> {
    const filter = statuses ? ` AND status IN (${statuses.map(() => '?').join(', ')})` : '';
    return this.db.read((q) =>
      q.query(`SELECT * FROM task_nodes WHERE task_id = ?${filter} ORDER BY position`, [id, ...(statuses ?? [])]),
    );
  }

  /** Events with seq > afterSeq, ascending, at most `limit`. */
  findEvents(id: string, afterSeq: number, limit: number): Promise<SqlRow[]> {
    return this.db.read((q) =>
      q.query('SELECT payload FROM task_events WHERE task_id = ? AND seq > ? ORDER BY seq LIMIT ?', [id, afterSeq, limit]),
    );
  }

  /** One page of tasks, newest first, and the total matching. */
  async listTasks(query: Required<Pick<TaskListQuery, 'page' | 'limit'>> & Omit<TaskListQuery, 'page' | 'limit'>): Promise<{ rows: SqlRow[]; total: number }> {
    return this.db.read(async (q) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => (where.push(sql), params.push(v));
      if (query.cluster) add('cluster = ?', query.cluster);
      if (query.kind) add('kind = ?', query.kind);
      if (query.status) add('status = ?', query.status);
      if (query.from) add('created_at >= ?', dbDate(q.dialect, new Date(query.from)));
      if (query.to) add('created_at < ?', dbDate(q.dialect, new Date(query.to)));
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = Number((await q.query(`SELECT COUNT(*) AS n FROM tasks ${w}`, params))[0]?.n ?? 0);
      const rows = await q.query(`SELECT * FROM tasks ${w} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, [
        ...params,
        query.limit,
        (query.page - 1) * query.limit,
      ]);
      return { rows, total };
    });
  }

  /** Statuses in which a task may still be executed (and taken over). */
  static readonly ACTIVE: readonly TaskStatus[] = ['pending', 'running'];
}
