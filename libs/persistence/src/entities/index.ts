import { ClusterEntity } from './cluster.entity';
import { ClusterNodeEntity } from './cluster-node.entity';
import { LeaseEntity } from './lease.entity';
import { NodeClaimEntity } from './node-claim.entity';
import { TaskEntity } from './task.entity';
import { TaskEventEntity } from './task-event.entity';
import { TaskNodeEntity } from './task-node.entity';

export { ClusterEntity, ClusterNodeEntity, LeaseEntity, NodeClaimEntity, TaskEntity, TaskEventEntity, TaskNodeEntity };

/** Every entity, in one list for the DataSource. */
export const ALL_ENTITIES = [
  ClusterEntity,
  ClusterNodeEntity,
  LeaseEntity,
  NodeClaimEntity,
  TaskEntity,
  TaskEventEntity,
  TaskNodeEntity,
];
