import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Batch progress: `tasks.running` (nodes in flight, so every task event can carry exact counts
 * without counting task_nodes rows) and an index on `node_claims.task_id` (claims are released
 * by task id when a task ends).
 */
export class TaskRunningCount1732171000000 implements MigrationInterface {
  name = 'TaskRunningCount1732171000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tasks', new TableColumn({ name: 'running', type: 'integer', default: 0 }));
    await q.createIndex('node_claims', new TableIndex({ name: 'idx_node_claims_task', columnNames: ['task_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('node_claims', 'idx_node_claims_task');
    await q.dropColumn('tasks', 'running');
  }
}
