import { InitialSchema1732170000000 } from './1732170000000-initial-schema';
import { TaskRunningCount1732171000000 } from './1732171000000-task-running-count';
import { SocketIoAttachments1732172000000 } from './1732172000000-socket-io-attachments';
import { NodeChangeNotify1732173000000 } from './1732173000000-node-change-notify';
import { ClusterRemoval1732174000000 } from './1732174000000-cluster-removal';
import { TaskKindStatusIndex1732175000000 } from './1732175000000-task-kind-status-index';

/** Every migration in order. A new migration is a new file plus one line here. */
export const ALL_MIGRATIONS = [
  InitialSchema1732170000000,
  TaskRunningCount1732171000000,
  SocketIoAttachments1732172000000,
  NodeChangeNotify1732173000000,
  ClusterRemoval1732174000000,
  TaskKindStatusIndex1732175000000,
];
