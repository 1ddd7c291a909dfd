import type { DataSource, EntityManager } from 'typeorm';
import { LeaseGroupLoad, LeaseStore } from './lease-store';

/** SQLite's clock in TypeORM's datetime text format (UTC, ms), so text comparison orders instants. */
const NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";
const plus = (param: string) => `strftime('%Y-%m-%d %H:%M:%f', 'now', '+' || ${param} || ' seconds')`;
const minus = (param: string) => `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ${param} || ' seconds')`;

/**
 * {@link LeaseStore} on SQLite: the same guarded statements, judged by SQLite's clock. SQLite
 * serialises writers, so one UPDATE is as atomic as on PostgreSQL; used by a single process (two
 * processes on one data dir would still elect one holder).
 */
export class SqliteLeaseStore extends LeaseStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ensure(name: string): Promise<void> {
    await this.dataSource.query('INSERT INTO leases (name, token) VALUES (?, 0) ON CONFLICT (name) DO NOTHING', [name]);
    if (name.startsWith('replica:')) await this.dataSource.query(`DELETE FROM leases WHERE name LIKE 'replica:%' AND expires_at < ${minus("'3600'")}`);
  }

  async acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null> {
    const rows: { token: number }[] = await this.dataSource.query(
      `UPDATE leases
       SET token = CASE WHEN holder = ? THEN token ELSE token + 1 END,
           acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ${NOW} END,
           holder = ?, renewed_at = ${NOW}, expires_at = ${plus('?')}
       WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at < ${NOW})
       RETURNING token`,
      [holder, holder, holder, (ttlMs / 1000).toFixed(3), name, holder],
    );
    return rows.length ? Number(rows[0].token) : null;
  }

  async release(name: string, holder: string, token: number): Promise<void> {
    await this.dataSource.query(`UPDATE leases SET holder = NULL, expires_at = ${NOW} WHERE name = ? AND holder = ? AND token = ?`, [name, holder, token]);
  }

  async groupLoad(name: string, holder: string, graceMs: number): Promise<LeaseGroupLoad> {
    const group = `${name.split(':')[0]}:%`;
    const [row]: { live: number; total: number; mine: number; long_free: number | null }[] = await this.dataSource.query(
      `SELECT
        (SELECT count(*) FROM leases WHERE name LIKE 'replica:%' AND expires_at > ${NOW}) AS live,
        (SELECT count(*) FROM leases WHERE name LIKE ? AND (renewed_at IS NULL OR renewed_at > ${minus("'3600'")})) AS total,
        (SELECT count(*) FROM leases WHERE name LIKE ? AND holder = ? AND expires_at > ${NOW}) AS mine,
        (SELECT holder IS NULL OR expires_at < ${minus('?')} FROM leases WHERE name = ?) AS long_free`,
      [group, group, holder, (graceMs / 1000).toFixed(3), name],
    );
    return { liveReplicas: Math.max(1, Number(row.live)), total: Number(row.total), mine: Number(row.mine), freeLongerThanGrace: row.long_free !== 0 };
  }

  async isHeld(manager: EntityManager, name: string, holder: string, token: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM leases WHERE name = ? AND holder = ? AND token = ? AND expires_at > ${NOW}`, [name, holder, token]);
    return rows.length === 1;
  }

  async close(): Promise<void> {}
}
