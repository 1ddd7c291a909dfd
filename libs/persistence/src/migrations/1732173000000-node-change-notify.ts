import { MigrationInterface, QueryRunner } from 'typeorm';

/** NOTIFY channel carrying `{"cluster": string, "seq": number}` wake-up hints for follower caches. */
export const NODE_CHANGES_CHANNEL = 'knm_node_changes';

/**
 * PostgreSQL only: after every statement that inserts or updates `cluster_nodes` rows, NOTIFY
 * `knm_node_changes` once per cluster with the highest seq written, as a wake-up hint (never the
 * data: followers then read rows with seq > their last, TECH-NOTES 6). NOTIFY is delivered at
 * commit and never on rollback, so a write rejected by the lease fence announces nothing. Two
 * statement triggers because a trigger with a transition table may have only one event.
 */
export class NodeChangeNotify1732173000000 implements MigrationInterface {
  name = 'NodeChangeNotify1732173000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(`
      CREATE OR REPLACE FUNCTION knm_notify_node_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT cluster, max(seq) AS seq FROM changed_rows GROUP BY cluster LOOP
          PERFORM pg_notify('${NODE_CHANGES_CHANNEL}', json_build_object('cluster', r.cluster, 'seq', r.seq)::text);
        END LOOP;
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE']) {
      await q.query(
        `CREATE TRIGGER cluster_nodes_notify_${event.toLowerCase()} AFTER ${event} ON cluster_nodes
         REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION knm_notify_node_changes()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('DROP TRIGGER IF EXISTS cluster_nodes_notify_insert ON cluster_nodes');
    await q.query('DROP TRIGGER IF EXISTS cluster_nodes_notify_update ON cluster_nodes');
    await q.query('DROP FUNCTION IF EXISTS knm_notify_node_changes()');
  }
}
