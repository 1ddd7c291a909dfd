import { getMetadataArgsStorage } from 'typeorm';

/** Driver families we run on. */
export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Entities declare timestamps as `datetime` (SQLite has no timestamptz). On PostgreSQL every such
 * column becomes `timestamptz`, so instants are stored in UTC whatever the server's time zone.
 * Called once before a DataSource is built; idempotent.
 */
export function adaptColumnTypes(kind: DatabaseKind): void {
  const from = kind === 'postgres' ? 'datetime' : 'timestamptz';
  const to = kind === 'postgres' ? 'timestamptz' : 'datetime';
  for (const column of getMetadataArgsStorage().columns) {
    if (column.options.type === from) column.options.type = to;
  }
}

/** Column type for an instant in a migration, per driver. */
export function timestampType(kind: DatabaseKind): string {
  return kind === 'postgres' ? 'timestamptz' : 'datetime';
}
