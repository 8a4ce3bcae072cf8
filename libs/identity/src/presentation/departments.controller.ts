import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApiCreatedEnvelope,
  ApiIfMatch,
  ApiNoContent,
  ApiOkEnvelope,
  Can,
  ChangesAccess,
  Created,
  CurrentActor,
  IfMatch,
  Paginated,
  toPageRequest,
  UuidPipe,
} from '@erp/platform';
import { CreateDepartmentUseCase } from '../application/create-department.use-case';
import { DeleteDepartmentUseCase } from '../application/delete-department.use-case';
import { UpdateDepartmentUseCase } from '../application/update-department.use-case';
import { DEPARTMENT_SORT, DepartmentQueries } from '../infrastructure/department.queries';
import {
  CreateDepartmentRequest,
  DepartmentListQuery,
  DepartmentResponse,
  UpdateDepartmentRequest,
} from './department.dto';
import { ifMatch, versioned } from './responses';

@ApiTags('departments')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@ChangesAccess()
@Controller('api/v1/organizations/:organizationId/departments')
export class DepartmentsController {
  constructor(
    private readonly queries: DepartmentQueries,
    private readonly createDepartment: CreateDepartmentUseCase,
    private readonly updateDepartment: UpdateDepartmentUseCase,
    private readonly deleteDepartment: DeleteDepartmentUseCase,
  ) {}

  @Get()
  @Can('read', 'Department')
  @ApiOperation({ summary: 'Departments the caller may read (filters: `q` on name and code, `parent_id`)' })
  @ApiOkEnvelope(DepartmentResponse, { list: true })
  async list(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: DepartmentListQuery,
    @CurrentActor() actor: Actor,
  ) {
    const request = toPageRequest(query, DEPARTMENT_SORT, 'name');
    const scope = actor.departmentScope('read', 'Department');
    const page = await this.queries.list(organizationId, scope, request, {
      q: query.q,
      parentId: query.parent_id,
    });
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', 'Department')
  @ApiOperation({ summary: 'Create a department, at the top or under a parent' })
  @ApiCreatedEnvelope(DepartmentResponse)
  async create(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: CreateDepartmentRequest,
    @CurrentActor() actor: Actor,
  ) {
    const department = await this.createDepartment.execute(
      { name: body.name, code: body.code, parentId: body.parent_id },
      actor,
    );
    const { body: view } = versioned(
      await this.queries.get(organizationId, department.id, 'all'),
      'Department',
    );
    return new Created(view, `/api/v1/organizations/${organizationId}/departments/${department.id}`);
  }

  @Get(':id')
  @Can('read', 'Department')
  @ApiOperation({ summary: 'One department' })
  @ApiOkEnvelope(DepartmentResponse)
  async get(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('id', UuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ) {
    return versioned(
      await this.queries.get(organizationId, id, actor.departmentScope('read', 'Department')),
      'Department',
    );
  }

  @Patch(':id')
  @ApiIfMatch()
  @Can('update', 'Department')
  @ApiOperation({
    summary: 'Rename or move a department (If-Match supported; no move under its own sub-departments)',
  })
  @ApiOkEnvelope(DepartmentResponse)
  async update(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateDepartmentRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    const changes = { name: body.name, code: body.code, parentId: body.parent_id };
    await this.updateDepartment.execute(id, changes, actor, ifMatch(ifMatchHeader, id));
    return versioned(await this.queries.get(organizationId, id, 'all'), 'Department');
  }

  @Delete(':id')
  @Can('delete', 'Department')
  @ApiOperation({
    summary: 'Delete a department nothing refers to (no sub-departments, members, grants, projects or tasks)',
  })
  @ApiNoContent()
  async remove(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.deleteDepartment.execute(id, actor);
  }
}
