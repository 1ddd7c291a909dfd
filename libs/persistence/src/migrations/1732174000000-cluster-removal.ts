import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';
import { NODE_CHANGES_CHANNEL } from './1732173000000-node-change-notify';

const FK_NAME = 'fk_cluster_nodes_cluster';

/**
 * Removing a cluster, whichever replica does it:
 * - `cluster_nodes.cluster` references `clusters.name` ON DELETE CASCADE, so a cluster's node rows
 *   go with it and a late write by a replica still watching the removed cluster fails instead of
 *   leaving orphan rows (orphans from before are deleted first);
 * - PostgreSQL only: deleting a `clusters` row NOTIFYs `knm_node_changes` with
 *   `{"cluster", "seq": -1, "removed": true}` at commit, so every replica stops watching and
 *   caching it at once instead of at its next periodic reconcile.
 */
export class ClusterRemoval1732174000000 implements MigrationInterface {
  name = 'ClusterRemoval1732174000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM cluster_nodes WHERE cluster NOT IN (SELECT name FROM clusters)');
    await q.createForeignKey(
      'cluster_nodes',
      new TableForeignKey({ name: FK_NAME, columnNames: ['cluster'], referencedTableName: 'clusters', referencedColumnNames: ['name'], onDelete: 'CASCADE' }),
    );
    if (q.connection.options.type !== 'postgres') return;
    await q.query(`
      CREATE OR REPLACE FUNCTION knm_notify_cluster_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${NODE_CHANGES_CHANNEL}', json_build_object('cluster', OLD.name, 'seq', -1, 'removed', true)::text);
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER clusters_notify_removed AFTER DELETE ON clusters FOR EACH ROW EXECUTE FUNCTION knm_notify_cluster_removed()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS clusters_notify_removed ON clusters');
      await q.query('DROP FUNCTION IF EXISTS knm_notify_cluster_removed()');
    }
    await q.dropForeignKey('cluster_nodes', FK_NAME);
  }
}
