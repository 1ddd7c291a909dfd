import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { runInSqliteGate } from '@knm/persistence';

export type SqlDialect = 'sqlite' | 'postgres';
export type SqlRow = Record<string, unknown>;

/** A query executor inside one transaction (or a read). SQL uses `?` placeholders on both dialects. */
export interface SqlTx {
  readonly dialect: SqlDialect;
  /** Runs one statement; returns its rows (RETURNING rows for writes). */
  query(sql: string, params?: unknown[]): Promise<SqlRow[]>;
}

/** `?` -> `$1, $2, ...` for PostgreSQL. Our SQL never has `?` inside literals. */
export function toDialectSql(dialect: SqlDialect, sql: string): string {
  if (dialect === 'sqlite') return sql;
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** A Date as a parameter: SQLite stores TypeORM's `YYYY-MM-DD HH:MM:SS.SSS` UTC text, PostgreSQL a timestamptz. */
export function dbDate(dialect: SqlDialect, d: Date): unknown {
  return dialect === 'postgres' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a timestamp column of either dialect; null stays null. */
export function fromDbDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/^\d{4}-\d\d-\d\d \d/.test(s) && !/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? `${s.replace(' ', 'T')}Z` : s);
}

/** A boolean parameter (SQLite has no boolean type). */
export function dbBool(dialect: SqlDialect, b: boolean): unknown {
  return dialect === 'postgres' ? b : b ? 1 : 0;
}

/**
 * Transactions and reads for the progress tables.
 *
 * On SQLite, TypeORM shares one connection and one query runner, so concurrent transactions would
 * nest as savepoints of each other; every transaction and read here passes the process-wide SQLite
 * gate of libs/persistence (shared with every other module), so a read never sees another
 * transaction's uncommitted rows. On PostgreSQL each transaction gets its own
 * pooled connection and row locks order concurrent writers.
 */
@Injectable()
export class TaskDb {
  readonly dialect: SqlDialect;

  constructor(private readonly ds: DataSource) {
    this.dialect = ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `fn` in one transaction; commits when it resolves, rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const run = async () => {
      const runner = this.ds.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        try {
          const result = await fn(this.txOf(runner));
          await runner.commitTransaction();
          return result;
        } catch (err) {
          await runner.rollbackTransaction();
          throw err;
        }
      } finally {
        if (this.dialect === 'postgres') await runner.release();
      }
    };
    return runInSqliteGate(this.ds, run);
  }

  /** Runs read-only statements outside any transaction of ours. */
  read<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const tx: SqlTx = {
      dialect: this.dialect,
      query: async (sql, params = []) => asRows(await this.ds.query(toDialectSql(this.dialect, sql), params)),
    };
    return runInSqliteGate(this.ds, () => fn(tx));
  }

  private txOf(runner: QueryRunner): SqlTx {
    return {
      dialect: this.dialect,
      query: async (sql, params = []) => asRows(await runner.query(toDialectSql(this.dialect, sql), params)),
    };
  }
}

function asRows(result: unknown): SqlRow[] {
  // TypeORM returns [rows, affected] for some postgres UPDATE ... RETURNING statements.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as SqlRow[];
  }
  return Array.isArray(result) ? (result as SqlRow[]) : [];
}
