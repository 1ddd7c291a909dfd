import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoutePaths, TaskResponse } from '@knm/contracts';
import { CREATE_TASK_BODY_SCHEMA, ERROR_BODY_SCHEMA } from './batch.openapi';
import { BatchService } from './batch.service';

/** Until authentication lands, tasks are recorded as created by this actor. */
export const ANONYMOUS_ACTOR = 'anonymous';

/** Write side of tasks: create, cancel, retry. Bodies are validated by the service (exact field paths). */
@ApiTags('tasks')
@Controller()
export class BatchController {
  constructor(private readonly batch: BatchService) {}

  @Post(RoutePaths.clusterTasks)
  @HttpCode(202)
  @ApiOperation({ summary: 'Create a batch task (label, taint, cordon, uncordon) on named nodes or a label selector' })
  @ApiBody({ schema: CREATE_TASK_BODY_SCHEMA })
  @ApiAcceptedResponse({ description: 'TaskResponse; progress follows as task events' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (details.violations name each field and rule) or INVALID_SELECTOR', schema: ERROR_BODY_SCHEMA })
  @ApiNotFoundResponse({ description: 'CLUSTER_NOT_FOUND or NODE_NOT_FOUND', schema: ERROR_BODY_SCHEMA })
  @ApiConflictResponse({ description: 'NODE_CLAIMED: a target node is claimed by another running task (details name it)', schema: ERROR_BODY_SCHEMA })
  createTask(@Param('cluster') cluster: string, @Body() body: unknown): Promise<TaskResponse> {
    return this.batch.createTask(cluster, body, ANONYMOUS_ACTOR);
  }

  @Post(RoutePaths.taskCancel)
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop starting nodes now; running node operations finish; the task ends cancelled' })
  @ApiConflictResponse({ description: 'TASK_NOT_CANCELLABLE: the task has ended', schema: ERROR_BODY_SCHEMA })
  cancelTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.batch.cancelTask(id);
  }

  @Post(RoutePaths.taskRetry)
  @HttpCode(202)
  @ApiOperation({ summary: 'New task for the failed and cancelled nodes of an ended task, linked by retryOf' })
  @ApiConflictResponse({ description: 'TASK_NOT_RETRYABLE', schema: ERROR_BODY_SCHEMA })
  retryTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.batch.retryTask(id, ANONYMOUS_ACTOR);
  }
}
