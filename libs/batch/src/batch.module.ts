import { Module } from '@nestjs/common';
import { ClusterModule } from '@knm/cluster';
import { ProgressModule } from '@knm/progress';
import { SmartCacheModule } from '@knm/smart-cache';
import { BatchController } from './batch.controller';
import { BatchService } from './batch.service';
import { NODE_OPERATIONS, NodeOperationRegistry } from './node-operation.registry';
import { NODE_OPERATION_TYPES } from './operations';
import { TaskExecutor } from './task-executor';

/**
 * Batch tasks on nodes: `POST /clusters/:cluster/tasks`, `POST /tasks/:id/cancel|retry`, the
 * executor and the node operations registry (operations/index.ts).
 */
@Module({
  imports: [ClusterModule, SmartCacheModule, ProgressModule],
  controllers: [BatchController],
  providers: [
    ...NODE_OPERATION_TYPES,
    { provide: NODE_OPERATIONS, useFactory: (...ops: unknown[]) => ops, inject: NODE_OPERATION_TYPES },
    NodeOperationRegistry,
    TaskExecutor,
    BatchService,
  ],
  exports: [BatchService],
})
export class BatchModule {}
