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
  ListQuery,
  Paginated,
  toPageRequest,
  UuidPipe,
} from '@erp/platform';
import { CreateRoleUseCase } from '../application/create-role.use-case';
import { DeleteRoleUseCase } from '../application/delete-role.use-case';
import { UpdateRoleUseCase } from '../application/update-role.use-case';
import { ROLE_SORT, RoleQueries } from '../infrastructure/role.queries';
import { ifMatch, versioned } from './responses';
import { CreateRoleRequest, RoleResponse, UpdateRoleRequest } from './role.dto';

@ApiTags('roles')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@ChangesAccess()
@Controller('api/v1/organizations/:organizationId/roles')
export class RolesController {
  constructor(
    private readonly queries: RoleQueries,
    private readonly createRole: CreateRoleUseCase,
    private readonly updateRole: UpdateRoleUseCase,
    private readonly deleteRole: DeleteRoleUseCase,
  ) {}

  @Get()
  @Can('read', 'Role')
  @ApiOperation({ summary: 'Roles of the organization with their own and effective (inherited) permissions' })
  @ApiOkEnvelope(RoleResponse, { list: true })
  async list(@Param('organizationId', UuidPipe) organizationId: string, @Query() query: ListQuery) {
    const page = await this.queries.list(organizationId, toPageRequest(query, ROLE_SORT, 'code'), query.q);
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', 'Role')
  @ApiOperation({
    summary: 'Create a role of catalogue permissions, optionally inheriting from another role',
  })
  @ApiCreatedEnvelope(RoleResponse)
  async create(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: CreateRoleRequest,
    @CurrentActor() actor: Actor,
  ) {
    const input = {
      code: body.code,
      name: body.name,
      description: body.description,
      parentId: body.parent_id,
      permissions: body.permissions,
      level: body.level,
    };
    const role = await this.createRole.execute(input, actor);
    const { body: view } = versioned(await this.queries.get(organizationId, role.id), 'Role');
    return new Created(view, `/api/v1/organizations/${organizationId}/roles/${role.id}`);
  }

  @Get(':roleId')
  @Can('read', 'Role')
  @ApiOperation({ summary: 'One role' })
  @ApiOkEnvelope(RoleResponse)
  async get(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('roleId', UuidPipe) roleId: string,
  ) {
    return versioned(await this.queries.get(organizationId, roleId), 'Role');
  }

  @Patch(':roleId')
  @ApiIfMatch()
  @Can('update', 'Role')
  @ApiOperation({
    summary:
      'Change a role (If-Match supported; built-in roles keep their code, admin keeps every permission)',
  })
  @ApiOkEnvelope(RoleResponse)
  async update(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('roleId', UuidPipe) roleId: string,
    @Body() body: UpdateRoleRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    const changes = {
      code: body.code,
      name: body.name,
      description: body.description,
      parentId: body.parent_id,
      permissions: body.permissions,
      level: body.level,
    };
    await this.updateRole.execute(roleId, changes, actor, ifMatch(ifMatchHeader, roleId));
    return versioned(await this.queries.get(organizationId, roleId), 'Role');
  }

  @Delete(':roleId')
  @Can('delete', 'Role')
  @ApiOperation({ summary: 'Delete a custom role that is neither inherited from nor granted' })
  @ApiNoContent()
  async remove(@Param('roleId', UuidPipe) roleId: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.deleteRole.execute(roleId, actor);
  }
}
