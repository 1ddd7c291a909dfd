import { Controller, Get, Param, Query } from '@nestjs/common';
import { RoutePaths, TaskEventsResponse, TaskListResponse, TaskResponse } from '@knm/contracts';
import { ProgressService } from './progress.service';
import { parseTaskEventsQuery, parseTaskListQuery } from './task-query';

/** Read side of tasks: `GET /tasks`, `GET /tasks/:id`, `GET /tasks/:id/events`. */
@Controller()
export class TasksController {
  constructor(private readonly progress: ProgressService) {}

  @Get(RoutePaths.tasks)
  listTasks(@Query() query: Record<string, unknown>): Promise<TaskListResponse> {
    return this.progress.listTasks(parseTaskListQuery(query));
  }

  @Get(RoutePaths.task)
  getTask(@Param('id') id: string): Promise<TaskResponse> {
    return this.progress.getTask(id);
  }

  @Get(RoutePaths.taskEvents)
  getTaskEvents(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<TaskEventsResponse> {
    const { afterSeq, limit } = parseTaskEventsQuery(query);
    return this.progress.getEvents(id, afterSeq, limit);
  }
}
