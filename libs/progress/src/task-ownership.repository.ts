import { Injectable } from '@nestjs/common';
import { Clock } from '@knm/common';
import { dbDate, fromDbDate, SqlTx, TaskDb } from './task-db';
import { chunks } from './task.repository';

const ACTIVE = "status IN ('pending', 'running')";

/** What a heartbeat learned about one task this replica executes. */
export interface HeartbeatResult {
  /** Tasks still owned by this replica. */
  owned: Map<string, { cancelRequestedAt: Date | null }>;
}

/**
 * Ownership SQL for task execution. On PostgreSQL heartbeat ages are judged by the database
 * clock (`now()`), so replicas with skewed clocks agree (TECH-NOTES 4); on SQLite (one process)
 * by the injected {@link Clock}.
 */
@Injectable()
export class TaskOwnershipRepository {
  constructor(
    private readonly db: TaskDb,
    private readonly clock: Clock,
  ) {}

  private now(tx: SqlTx): { sql: string; params: unknown[] } {
    return tx.dialect === 'postgres' ? { sql: 'now()', params: [] } : { sql: '?', params: [dbDate('sqlite', new Date(this.clock.now()))] };
  }

  /** `heartbeat_at` older than `staleMs` (or never set). */
  private stale(tx: SqlTx, staleMs: number): { sql: string; params: unknown[] } {
    if (tx.dialect === 'postgres') {
      return { sql: '(heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ?))', params: [staleMs / 1000] };
    }
    return { sql: '(heartbeat_at IS NULL OR heartbeat_at < ?)', params: [dbDate('sqlite', new Date(this.clock.now() - staleMs))] };
  }

  /** Renews the heartbeat of `ids` owned by `owner`; reports which are still owned and their cancel state. */
  async heartbeat(owner: string, ids: readonly string[]): Promise<HeartbeatResult> {
    const owned = new Map<string, { cancelRequestedAt: Date | null }>();
    for (const part of chunks(ids, 500)) {
      const rows = await this.db.transaction((tx) => {
        const now = this.now(tx);
        return tx.query(
          `UPDATE tasks SET heartbeat_at = ${now.sql} WHERE owner = ? AND ${ACTIVE} AND id IN (${part.map(() => '?').join(', ')})
           RETURNING id, cancel_requested_at`,
          [...now.params, owner, ...part],
        );
      });
      for (const r of rows) owned.set(String(r.id), { cancelRequestedAt: fromDbDate(r.cancel_requested_at) });
    }
    return { owned };
  }

  /**
   * Active tasks this replica may take over: no owner, owned by `owner` itself (a restarted
   * process with the same replica id) or with a heartbeat older than `staleMs`. Oldest first.
   */
  findOrphans(owner: string, staleMs: number): Promise<string[]> {
    return this.db.read(async (q) => {
      const stale = this.stale(q, staleMs);
      const rows = await q.query(
        `SELECT id FROM tasks WHERE ${ACTIVE} AND (owner IS NULL OR owner = ? OR ${stale.sql}) ORDER BY created_at`,
        [owner, ...stale.params],
      );
      return rows.map((r) => String(r.id));
    });
  }

  /**
   * Atomic compare-and-set takeover: `owner := me` only if the task is still active and still
   * orphaned by the same rule as {@link findOrphans}. True when this replica now owns it.
   */
  takeOver(id: string, owner: string, staleMs: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const now = this.now(tx);
      const stale = this.stale(tx, staleMs);
      const rows = await tx.query(
        `UPDATE tasks SET owner = ?, heartbeat_at = ${now.sql}
         WHERE id = ? AND ${ACTIVE} AND (owner IS NULL OR owner = ? OR ${stale.sql}) RETURNING id`,
        [owner, ...now.params, id, owner, ...stale.params],
      );
      return rows.length === 1;
    });
  }
}
