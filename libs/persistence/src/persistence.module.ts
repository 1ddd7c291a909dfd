import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '@knm/common';
import { buildDataSourceOptions, runMigrations } from './data-source.factory';
import { serializeSqliteTransactions } from './sqlite-gate';

function describeOptions(o: DataSourceOptions): string {
  if (o.type === 'postgres' && o.url) {
    const u = new URL(o.url);
    return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  }
  return `sqlite ${String((o as { database?: unknown }).database)}`;
}

/**
 * The TypeORM DataSource (SQLite by default, PostgreSQL with KNM_DATABASE_URL), initialised and
 * migrated (under a lock on PostgreSQL) before any other module uses it. Start-up fails with a
 * message naming the database host and port (or file) when it cannot connect.
 * Feature modules use `TypeOrmModule.forFeature([...])`.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config), retryAttempts: 0 }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const ds = new DataSource(options!);
        try {
          await ds.initialize();
        } catch (err) {
          throw new Error(`cannot connect to database ${describeOptions(options!)}: ${(err as Error).message}`);
        }
        await runMigrations(ds);
        return serializeSqliteTransactions(ds);
      },
    }),
  ],
})
export class PersistenceModule {}
