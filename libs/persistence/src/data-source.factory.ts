import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { adaptColumnTypes, DatabaseKind } from './column-types';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';
import { serializeSqliteTransactions } from './sqlite-gate';

/** Fixed key of the advisory lock that serialises migrations across replicas (any constant works). */
export const MIGRATION_LOCK_KEY = 727_001;

export interface DatabaseSettings {
  /** `postgres://...` or null for SQLite at `<dataDir>/knm.sqlite`. */
  databaseUrl: string | null;
  dataDir: string;
}

export function databaseKind(settings: DatabaseSettings): DatabaseKind {
  return settings.databaseUrl ? 'postgres' : 'sqlite';
}

/** TypeORM options for our entities and migrations. Migrations are never run by TypeORM itself (see {@link runMigrations}). */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const kind = databaseKind(settings);
  adaptColumnTypes(kind);
  const common = { entities: ALL_ENTITIES, migrations: ALL_MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (kind === 'postgres') {
    return { ...common, type: 'postgres', url: settings.databaseUrl!, extra: { max: 20, connectionTimeoutMillis: 5000 } };
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(settings.dataDir, 'knm.sqlite'),
    timeout: 10_000,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Runs pending migrations exactly once even when several replicas start together: on PostgreSQL
 * under `pg_advisory_lock` held on one dedicated connection (TypeORM's MigrationExecutor takes no
 * lock, see notes/TECH-NOTES.md section 7); on SQLite the single process needs no lock.
 * Returns the names of the migrations this call applied.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'postgres') {
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Creates, initialises and migrates a DataSource. Errors name the database host/port or file. */
export async function openDatabase(settings: DatabaseSettings): Promise<DataSource> {
  const options = buildDataSourceOptions(settings);
  const ds = new DataSource(options);
  try {
    await ds.initialize();
  } catch (err) {
    throw new Error(`cannot open database ${describeDatabase(settings)}: ${(err as Error).message}`);
  }
  await runMigrations(ds);
  return serializeSqliteTransactions(ds);
}

/** Human description of where the database is, without credentials: `postgres host:port/db` or the SQLite path. */
export function describeDatabase(settings: DatabaseSettings): string {
  if (!settings.databaseUrl) return `sqlite ${join(settings.dataDir, 'knm.sqlite')}`;
  const u = new URL(settings.databaseUrl);
  return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}`;
}
