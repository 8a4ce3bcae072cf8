import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceNotFound } from '@erp/kernel';
import {
  Actor,
  ApiCreatedEnvelope,
  ApiNoContent,
  ApiOkEnvelope,
  Can,
  Created,
  CurrentActor,
  etagOf,
  Paginated,
  toPageRequest,
  UuidPipe,
  Versioned,
  ApiIdParam,
  ApiIfMatch,
  ApiOrganizationParam,
  IfMatch,
} from '@erp/platform';
import { CreateTaskUseCase } from '../application/create-task.use-case';
import { DeleteTaskUseCase } from '../application/delete-task.use-case';
import { UpdateTaskUseCase } from '../application/update-task.use-case';
import { Task } from '../domain/task';
import {
  TASK_DEFAULT_SORT,
  TASK_SORT,
  TaskQueries,
  taskSubject,
  TaskView,
} from '../infrastructure/task.queries';
import {
  CreateTaskRequest,
  TaskListQuery,
  TaskResponse,
  toNewTask,
  toTaskChanges,
  UpdateTaskRequest,
} from './task.dto';
import { ifMatch } from './http-conventions';

@ApiTags('tasks')
@ApiOrganizationParam()
@Controller('api/v1/organizations/:organizationId/tasks')
export class TasksController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly createTask: CreateTaskUseCase,
    private readonly updateTask: UpdateTaskUseCase,
    private readonly deleteTask: DeleteTaskUseCase,
  ) {}

  @Get()
  @Can('read', Task.modelName)
  @ApiOperation({
    summary: 'Tasks the caller may read, filtered, searched (q: title, description) and paged',
  })
  @ApiOkEnvelope(TaskResponse, { list: true })
  async list(@Query() query: TaskListQuery, @CurrentActor() actor: Actor) {
    const request = toPageRequest(query, TASK_SORT, TASK_DEFAULT_SORT);
    const scope = actor.scope('read', Task.modelName);
    const page = await this.queries.list(actor.requireOrganization(), scope, query, request);
    return new Paginated<TaskResponse>(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', Task.modelName)
  @ApiOperation({ summary: 'Create a task' })
  @ApiCreatedEnvelope(TaskResponse)
  async create(@Body() body: CreateTaskRequest, @CurrentActor() actor: Actor) {
    const task = await this.createTask.execute(toNewTask(body), actor);
    const view = await this.reload(actor, task.id);
    return new Created<TaskResponse>(view, `/api/v1/organizations/${view.organization_id}/tasks/${view.id}`);
  }

  @Get(':id')
  @ApiIdParam()
  @Can('read', Task.modelName)
  @ApiOperation({ summary: 'One task, with its ETag' })
  @ApiOkEnvelope(TaskResponse)
  async get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    // The same rules as the list's SQL scope, on the record (cached or not): hidden reads as missing.
    const view = await this.queries.findCached(actor.requireOrganization(), id);
    if (!view || !actor.can('read', Task.modelName, taskSubject(view)))
      throw new ResourceNotFound(Task.modelName, id);
    return new Versioned<TaskResponse>(view, etagOf(view.id, view.version));
  }

  @Patch(':id')
  @ApiIdParam()
  @Can('update', Task.modelName)
  @ApiOperation({ summary: 'Change a task (partial; If-Match supported)' })
  @ApiIfMatch()
  @ApiOkEnvelope(TaskResponse)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateTaskRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    await this.updateTask.execute(id, toTaskChanges(body), actor, ifMatch(ifMatchHeader));
    const view = await this.reload(actor, id);
    return new Versioned<TaskResponse>(view, etagOf(view.id, view.version));
  }

  @Delete(':id')
  @ApiIdParam()
  @Can('delete', Task.modelName)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a task (If-Match supported)' })
  @ApiIfMatch()
  @ApiNoContent()
  async remove(
    @Param('id', UuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ): Promise<void> {
    await this.deleteTask.execute(id, actor, ifMatch(ifMatchHeader));
  }

  /** The stored task after a write the use case has already authorized. */
  private async reload(actor: Actor, id: string): Promise<TaskView> {
    const view = await this.queries.findById(actor.requireOrganization(), 'all', id);
    if (!view) throw new ResourceNotFound(Task.modelName, id);
    return view;
  }
}
