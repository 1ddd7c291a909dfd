import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  RoutePaths,
  TASK_EVENTS_DEFAULT_LIMIT,
  TASK_LIST_DEFAULT_LIMIT,
  TaskEventsResponse,
  taskEventsQuerySchema,
  taskListQuerySchema,
  TaskListResponse,
  taskParamsSchema,
  TaskResponse,
} from '@knm/contracts';
import { Accepts, Input, type RequestInput } from '@knm/common';
import { ProgressService } from './progress.service';

const listInput = { query: taskListQuerySchema };
const taskInput = { params: taskParamsSchema };
const eventsInput = { params: taskParamsSchema, query: taskEventsQuerySchema };

/** Read side of tasks: `GET /tasks`, `GET /tasks/:id`, `GET /tasks/:id/events`. */
@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly progress: ProgressService) {}

  @Get(RoutePaths.tasks)
  @ApiOperation({ summary: 'Task history, newest first' })
  @Accepts(listInput)
  listTasks(@Input() { query }: RequestInput<typeof listInput>): Promise<TaskListResponse> {
    return this.progress.listTasks({ ...query, page: query.page ?? 1, limit: query.limit ?? TASK_LIST_DEFAULT_LIMIT });
  }

  @Get(RoutePaths.task)
  @ApiOperation({ summary: 'A task with its per-node results' })
  @Accepts(taskInput)
  getTask(@Input() { params }: RequestInput<typeof taskInput>): Promise<TaskResponse> {
    return this.progress.getTask(params.id);
  }

  @Get(RoutePaths.taskEvents)
  @ApiOperation({ summary: 'Persisted task events with seq > afterSeq, in seq order (the same events the socket replays)' })
  @Accepts(eventsInput)
  getTaskEvents(@Input() { params, query }: RequestInput<typeof eventsInput>): Promise<TaskEventsResponse> {
    return this.progress.getEvents(params.id, query.afterSeq ?? 0, query.limit ?? TASK_EVENTS_DEFAULT_LIMIT);
  }
}
