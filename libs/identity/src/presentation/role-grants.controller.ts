import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ResourceNotFound } from '@erp/kernel';
import {
  Actor,
  ApiCreatedEnvelope,
  ApiNoContent,
  ApiOkEnvelope,
  AuditAction,
  Can,
  ChangesAccess,
  Created,
  CurrentActor,
  ListQuery,
  Paginated,
  toPageRequest,
  UuidPipe,
} from '@erp/platform';
import { GrantRoleUseCase } from '../application/grant-role.use-case';
import { RevokeRoleUseCase } from '../application/revoke-role.use-case';
import { MemberQueries } from '../infrastructure/member.queries';
import { ROLE_GRANT_SORT, RoleGrantQueries } from '../infrastructure/role-grant.queries';
import { GrantRoleRequest, RoleGrantResponse } from './role-grant.dto';

@ApiTags('roles')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@ChangesAccess()
@Controller('api/v1/organizations/:organizationId/users/:userId/roles')
export class RoleGrantsController {
  constructor(
    private readonly queries: RoleGrantQueries,
    private readonly members: MemberQueries,
    private readonly grantRole: GrantRoleUseCase,
    private readonly revokeRole: RevokeRoleUseCase,
  ) {}

  @Get()
  @Can('read', 'Role')
  @ApiOperation({ summary: "A member's role grants in this organization" })
  @ApiOkEnvelope(RoleGrantResponse, { list: true })
  async list(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
    @Query() query: ListQuery,
  ) {
    if (!(await this.members.get(organizationId, userId, 'all'))) throw new ResourceNotFound('User');
    const page = await this.queries.listForUser(
      organizationId,
      userId,
      toPageRequest(query, ROLE_GRANT_SORT, 'created_at'),
      query.q,
    );
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('assign', 'Role')
  @AuditAction('role.grant', 'RoleGrant')
  @ApiOperation({
    summary:
      'Grant a role, optionally narrowed to a department (only roles whose permissions the caller holds)',
  })
  @ApiCreatedEnvelope(RoleGrantResponse)
  async create(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() body: GrantRoleRequest,
    @CurrentActor() actor: Actor,
  ) {
    const grant = await this.grantRole.execute(
      userId,
      { roleId: body.role_id, departmentId: body.department_id },
      actor,
    );
    const view = await this.queries.get(organizationId, grant.id);
    if (!view) throw new ResourceNotFound('RoleGrant');
    return new Created(view, `/api/v1/organizations/${organizationId}/users/${userId}/roles/${grant.roleId}`);
  }

  @Delete(':roleId')
  @Can('assign', 'Role')
  @AuditAction('role.revoke', 'RoleGrant')
  @ApiOperation({ summary: 'Revoke a role from a member (every grant of it, whatever the department)' })
  @ApiNoContent()
  async remove(
    @Param('userId', UuidPipe) userId: string,
    @Param('roleId', UuidPipe) roleId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.revokeRole.execute(userId, roleId, actor);
  }
}
