import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clusterTasksParamsSchema, createTaskRequestSchema, RoutePaths, taskParamsSchema, TaskResponse } from '@knm/contracts';
import { Accepts, ERROR_BODY_OPENAPI, Input, type RequestInput } from '@knm/common';
import { BatchService } from './batch.service';

/** Until authentication lands, tasks are recorded as created by this actor. */
export const ANONYMOUS_ACTOR = 'anonymous';

const createInput = { params: clusterTasksParamsSchema, body: createTaskRequestSchema };
const taskInput = { params: taskParamsSchema };

/** Write side of tasks: create, cancel, retry. Inputs are validated at the edge by their contracts schemas. */
@ApiTags('tasks')
@Controller()
export class BatchController {
  constructor(private readonly batch: BatchService) {}

  @Post(RoutePaths.clusterTasks)
  @HttpCode(202)
  @ApiOperation({ summary: 'Create a batch task (label, taint, cordon, uncordon) on named nodes or a label selector' })
  @Accepts(createInput)
  @ApiAcceptedResponse({ description: 'TaskResponse; progress follows as task events' })
  @ApiNotFoundResponse({ description: 'CLUSTER_NOT_FOUND or NODE_NOT_FOUND', schema: ERROR_BODY_OPENAPI })
  @ApiConflictResponse({ description: 'NODE_CLAIMED: a target node is claimed by another running task (details name it)', schema: ERROR_BODY_OPENAPI })
  createTask(@Input() { params, body }: RequestInput<typeof createInput>): Promise<TaskResponse> {
    return this.batch.createTask(params.cluster, body, ANONYMOUS_ACTOR);
  }

  @Post(RoutePaths.taskCancel)
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop starting nodes now; running node operations finish; the task ends cancelled' })
  @Accepts(taskInput)
  @ApiConflictResponse({ description: 'TASK_NOT_CANCELLABLE: the task has ended', schema: ERROR_BODY_OPENAPI })
  cancelTask(@Input() { params }: RequestInput<typeof taskInput>): Promise<TaskResponse> {
    return this.batch.cancelTask(params.id);
  }

  @Post(RoutePaths.taskRetry)
  @HttpCode(202)
  @ApiOperation({ summary: 'New task for the failed and cancelled nodes of an ended task, linked by retryOf' })
  @Accepts(taskInput)
  @ApiConflictResponse({ description: 'TASK_NOT_RETRYABLE', schema: ERROR_BODY_OPENAPI })
  retryTask(@Input() { params }: RequestInput<typeof taskInput>): Promise<TaskResponse> {
    return this.batch.retryTask(params.id, ANONYMOUS_ACTOR);
  }
}
