import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit, { LimitFunction } from 'p-limit';
import { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver has ONE connection and ONE query runner per DataSource, so two
 * transactions started concurrently by different modules (informer, progress, cluster registry)
 * would nest as savepoints of each other: one's COMMIT or ROLLBACK would take the other's writes
 * with it. On SQLite every transaction of the process therefore passes one gate, one at a time.
 * A transaction started inside a gated one (same async context) runs directly: that is a real
 * nesting and TypeORM turns it into a savepoint. On PostgreSQL the gate is a pass-through: each
 * transaction has its own pooled connection.
 */
const gates = new WeakMap<DataSource, LimitFunction>();
const insideGate = new AsyncLocalStorage<DataSource>();

/** Runs `fn` alone among the SQLite transactions of `ds` (directly on PostgreSQL or when already inside the gate). */
export function runInSqliteGate<T>(ds: DataSource, fn: () => Promise<T>): Promise<T> {
  if (ds.options.type === 'postgres' || insideGate.getStore() === ds) return fn();
  let gate = gates.get(ds);
  if (!gate) {
    gate = pLimit(1);
    gates.set(ds, gate);
  }
  return gate(() => insideGate.run(ds, fn));
}

type TransactionFn = EntityManager['transaction'];

/**
 * Routes `ds.transaction(...)` and `ds.manager.transaction(...)` through {@link runInSqliteGate}.
 * Idempotent; a no-op on PostgreSQL. Called by the persistence module on every DataSource it opens.
 */
export function serializeSqliteTransactions(ds: DataSource): DataSource {
  if (ds.options.type === 'postgres') return ds;
  const marker = Symbol.for('knm.sqlite-gate');
  const manager = ds.manager as EntityManager & { [k: symbol]: boolean };
  if (manager[marker]) return ds;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const gated = ((...args: unknown[]) => runInSqliteGate(ds, () => original(...args))) as TransactionFn;
  manager.transaction = gated;
  (ds as { transaction: TransactionFn }).transaction = gated;
  manager[marker] = true;
  return ds;
}
