import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RoutePaths, TaskResponse } from '@knm/contracts';
import { BatchService } from './batch.service';

/** Until authentication lands, tasks are recorded as created by this actor. */
export const ANONYMOUS_ACTOR = 'anonymous';

/** Write side of tasks: create, cancel, retry. Bodies are validated by the service (exact field paths). */
@Controller()
export class BatchController {
  constructor(private readonly batch: BatchService) {}

  @Post(RoutePaths.clusterTasks)
  @HttpCode(202)
  createTask(@Param('cluster') cluster: string, @Body() body: unknown): Promise<TaskResponse> {
    return this.batch.createTask(cluster, body, ANONYMOUS_ACTOR);
  }

  @Post(RoutePaths.taskCancel)
  @HttpCode(202)
  cancelTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.batch.cancelTask(id);
  }

  @Post(RoutePaths.taskRetry)
  @HttpCode(202)
  retryTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.batch.retryTask(id, ANONYMOUS_ACTOR);
  }
}
