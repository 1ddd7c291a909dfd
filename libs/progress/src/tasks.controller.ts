import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RoutePaths, TASK_KINDS, TaskEventsResponse, TaskListResponse, TaskResponse } from '@knm/contracts';
import { ProgressService } from './progress.service';
import { parseTaskEventsQuery, parseTaskListQuery } from './task-query';

/** Read side of tasks: `GET /tasks`, `GET /tasks/:id`, `GET /tasks/:id/events`. */
@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly progress: ProgressService) {}

  @Get(RoutePaths.tasks)
  @ApiOperation({ summary: 'Task history, newest first' })
  @ApiQuery({ name: 'cluster', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: [...TASK_KINDS] })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'running', 'succeeded', 'failed', 'cancelled'] })
  @ApiQuery({ name: 'from', required: false, description: 'RFC 3339 instant (created at or after)' })
  @ApiQuery({ name: 'to', required: false, description: 'RFC 3339 instant (created before)' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  listTasks(@Query() query: Record<string, unknown>): Promise<TaskListResponse> {
    return this.progress.listTasks(parseTaskListQuery(query));
  }

  @Get(RoutePaths.task)
  @ApiOperation({ summary: 'A task with its per-node results' })
  getTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.progress.getTask(id);
  }

  @Get(RoutePaths.taskEvents)
  @ApiOperation({ summary: 'Persisted task events with seq > afterSeq, in seq order (the same events the socket replays)' })
  @ApiQuery({ name: 'afterSeq', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  getTaskEvents(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<TaskEventsResponse> {
    const { afterSeq, limit } = parseTaskEventsQuery(query);
    return this.progress.getEvents(id, afterSeq, limit);
  }
}
