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
import { CreateProjectUseCase } from '../application/create-project.use-case';
import { DeleteProjectUseCase } from '../application/delete-project.use-case';
import { UpdateProjectUseCase } from '../application/update-project.use-case';
import { Project } from '../domain/project';
import {
  PROJECT_DEFAULT_SORT,
  PROJECT_SORT,
  ProjectQueries,
  projectSubject,
  ProjectView,
} from '../infrastructure/project.queries';
import {
  CreateProjectRequest,
  ProjectListQuery,
  ProjectResponse,
  toNewProject,
  toProjectChanges,
  UpdateProjectRequest,
} from './project.dto';
import { ifMatch } from './http-conventions';

@ApiTags('projects')
@ApiOrganizationParam()
@Controller('api/v1/organizations/:organizationId/projects')
export class ProjectsController {
  constructor(
    private readonly queries: ProjectQueries,
    private readonly createProject: CreateProjectUseCase,
    private readonly updateProject: UpdateProjectUseCase,
    private readonly deleteProject: DeleteProjectUseCase,
  ) {}

  @Get()
  @Can('read', Project.modelName)
  @ApiOperation({ summary: 'Projects the caller may read, filtered, searched (q: name, code) and paged' })
  @ApiOkEnvelope(ProjectResponse, { list: true })
  async list(@Query() query: ProjectListQuery, @CurrentActor() actor: Actor) {
    const request = toPageRequest(query, PROJECT_SORT, PROJECT_DEFAULT_SORT);
    const scope = actor.scope('read', Project.modelName);
    const page = await this.queries.list(actor.requireOrganization(), scope, query, request);
    const items = page.items.map((view) => withFieldRules(actor, view));
    return new Paginated<ProjectResponse>(items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', Project.modelName)
  @ApiOperation({ summary: 'Create a project (its code is unique in the organization)' })
  @ApiCreatedEnvelope(ProjectResponse)
  async create(@Body() body: CreateProjectRequest, @CurrentActor() actor: Actor) {
    const project = await this.createProject.execute(toNewProject(body), actor);
    const view = await this.reload(actor, project.id);
    return new Created<ProjectResponse>(
      withFieldRules(actor, view),
      `/api/v1/organizations/${view.organization_id}/projects/${view.id}`,
    );
  }

  @Get(':id')
  @ApiIdParam()
  @Can('read', Project.modelName)
  @ApiOperation({ summary: 'One project, with its ETag' })
  @ApiOkEnvelope(ProjectResponse)
  async get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    // The same rules as the list's SQL scope, on the record (cached or not): hidden reads as missing.
    const view = await this.queries.findCached(actor.requireOrganization(), id);
    if (!view || !actor.can('read', Project.modelName, projectSubject(view)))
      throw new ResourceNotFound(Project.modelName, id);
    return new Versioned<ProjectResponse>(withFieldRules(actor, view), etagOf(view.id, view.version));
  }

  @Patch(':id')
  @ApiIdParam()
  @Can('update', Project.modelName)
  @ApiOperation({ summary: 'Change a project (partial; If-Match supported)' })
  @ApiIfMatch()
  @ApiOkEnvelope(ProjectResponse)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateProjectRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    await this.updateProject.execute(id, toProjectChanges(body), actor, ifMatch(ifMatchHeader));
    const view = await this.reload(actor, id);
    return new Versioned<ProjectResponse>(withFieldRules(actor, view), etagOf(view.id, view.version));
  }

  @Delete(':id')
  @ApiIdParam()
  @Can('delete', Project.modelName)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a project that has no tasks (If-Match supported)' })
  @ApiIfMatch()
  @ApiNoContent()
  async remove(
    @Param('id', UuidPipe) id: string,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ): Promise<void> {
    await this.deleteProject.execute(id, actor, ifMatch(ifMatchHeader));
  }

  /** The stored project after a write the use case has already authorized. */
  private async reload(actor: Actor, id: string): Promise<ProjectView> {
    const view = await this.queries.findById(actor.requireOrganization(), 'all', id);
    if (!view) throw new ResourceNotFound(Project.modelName, id);
    return view;
  }
}

/**
 * Field rule: `budget_amount` is shown only to callers with project:read_budget on this project
 * (grants' departments and policies decide as for any permission); for others it is left out.
 */
function withFieldRules(actor: Actor, view: ProjectView): ProjectView {
  if (actor.can('read_budget', Project.modelName, projectSubject(view))) return view;
  const { budget_amount: _hidden, ...rest } = view;
  return rest;
}
