import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { DatabaseKind, timestampType } from '../column-types';

/** Initial schema: clusters, cluster_nodes, leases, tasks, task_nodes, task_events, node_claims. */
export class InitialSchema1732170000000 implements MigrationInterface {
  name = 'InitialSchema1732170000000';

  async up(q: QueryRunner): Promise<void> {
    const kind: DatabaseKind = q.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    const ts = timestampType(kind);
    const json = 'text';
    const big = 'bigint';

    await q.createTable(
      new Table({
        name: 'clusters',
        columns: [
          { name: 'name', type: 'varchar', length: '63', isPrimary: true },
          { name: 'server', type: 'varchar', length: '2048' },
          { name: 'context', type: 'varchar', length: '253' },
          { name: 'kubeconfig_enc', type: 'text' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'status_message', type: 'text', isNullable: true },
          { name: 'kubernetes_version', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '253' },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cluster_nodes',
        columns: [
          { name: 'cluster', type: 'varchar', length: '63', isPrimary: true },
          { name: 'name', type: 'varchar', length: '253', isPrimary: true },
          { name: 'summary', type: json },
          { name: 'resource_version', type: 'varchar', length: '64' },
          { name: 'seq', type: big },
          { name: 'deleted', type: 'boolean', default: false },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createIndex('cluster_nodes', new TableIndex({ name: 'idx_cluster_nodes_seq', columnNames: ['cluster', 'seq'] }));
    await q.createTable(
      new Table({
        name: 'leases',
        columns: [
          { name: 'name', type: 'varchar', length: '253', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '253', isNullable: true },
          { name: 'token', type: big, default: 0 },
          { name: 'acquired_at', type: ts, isNullable: true },
          { name: 'renewed_at', type: ts, isNullable: true },
          { name: 'expires_at', type: ts, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tasks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'cluster', type: 'varchar', length: '63' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'params', type: json },
          { name: 'selector', type: 'text', isNullable: true },
          { name: 'dry_run', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'concurrency', type: 'integer' },
          { name: 'total', type: 'integer', default: 0 },
          { name: 'succeeded', type: 'integer', default: 0 },
          { name: 'failed', type: 'integer', default: 0 },
          { name: 'skipped', type: 'integer', default: 0 },
          { name: 'cancelled', type: 'integer', default: 0 },
          { name: 'created_by', type: 'varchar', length: '253' },
          { name: 'retry_of', type: 'varchar', length: '36', isNullable: true },
          { name: 'owner', type: 'varchar', length: '253', isNullable: true },
          { name: 'heartbeat_at', type: ts, isNullable: true },
          { name: 'last_seq', type: 'integer', default: 0 },
          { name: 'cancel_requested_at', type: ts, isNullable: true },
          { name: 'deadline_at', type: ts, isNullable: true },
          { name: 'created_at', type: ts },
          { name: 'started_at', type: ts, isNullable: true },
          { name: 'finished_at', type: ts, isNullable: true },
        ],
      }),
    );
    await q.createIndex('tasks', new TableIndex({ name: 'idx_tasks_created', columnNames: ['created_at'] }));
    await q.createIndex('tasks', new TableIndex({ name: 'idx_tasks_status', columnNames: ['status'] }));
    await q.createTable(
      new Table({
        name: 'task_nodes',
        columns: [
          { name: 'task_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'node', type: 'varchar', length: '253', isPrimary: true },
          { name: 'position', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'before', type: json, isNullable: true },
          { name: 'after', type: json, isNullable: true },
          { name: 'started_at', type: ts, isNullable: true },
          { name: 'finished_at', type: ts, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_events',
        columns: [
          { name: 'task_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'payload', type: json },
          { name: 'at', type: ts },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'node_claims',
        columns: [
          { name: 'cluster', type: 'varchar', length: '63', isPrimary: true },
          { name: 'node', type: 'varchar', length: '253', isPrimary: true },
          { name: 'task_id', type: 'varchar', length: '36' },
          { name: 'claimed_at', type: ts },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['node_claims', 'task_events', 'task_nodes', 'tasks', 'leases', 'cluster_nodes', 'clusters']) {
      await q.dropTable(t);
    }
  }
}
