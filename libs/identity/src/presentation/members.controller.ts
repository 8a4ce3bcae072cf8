import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApiCreatedEnvelope,
  ApiIfMatch,
  ApiNoContent,
  ApiOkEnvelope,
  AuditAction,
  Can,
  ChangesAccess,
  Created,
  CurrentActor,
  IfMatch,
  Paginated,
  toPageRequest,
  UuidPipe,
} from '@erp/platform';
import { AddMemberUseCase } from '../application/add-member.use-case';
import { RemoveMemberUseCase } from '../application/remove-member.use-case';
import { UpdateMemberUseCase } from '../application/update-member.use-case';
import { MEMBER_SORT, MemberQueries } from '../infrastructure/member.queries';
import { AddMemberRequest, MemberListQuery, MemberResponse, UpdateMemberRequest } from './member.dto';
import { ifMatch, versioned } from './responses';

@ApiTags('users')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@ChangesAccess()
@Controller('api/v1/organizations/:organizationId/users')
export class MembersController {
  constructor(
    private readonly queries: MemberQueries,
    private readonly addMember: AddMemberUseCase,
    private readonly updateMember: UpdateMemberUseCase,
    private readonly removeMember: RemoveMemberUseCase,
  ) {}

  @Get()
  @Can('read', 'User')
  @ApiOperation({
    summary: 'Active members the caller may read (filters: `q` on name and email, `department_id`)',
  })
  @ApiOkEnvelope(MemberResponse, { list: true })
  async list(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: MemberListQuery,
    @CurrentActor() actor: Actor,
  ) {
    const request = toPageRequest(query, MEMBER_SORT, 'full_name');
    const scope = actor.departmentScope('read', 'User');
    const page = await this.queries.list(organizationId, scope, request, {
      q: query.q,
      departmentId: query.department_id,
    });
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', 'User')
  @AuditAction('member.add', 'User')
  @ApiOperation({
    summary:
      'Add a member, creating the account when the email is new (an existing account is reused unchanged)',
  })
  @ApiCreatedEnvelope(MemberResponse)
  async create(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: AddMemberRequest,
    @CurrentActor() actor: Actor,
  ) {
    const input = {
      email: body.email,
      fullName: body.full_name,
      password: body.password,
      departmentId: body.department_id,
    };
    const userId = await this.addMember.execute(input, actor);
    const { body: view } = versioned(await this.queries.get(organizationId, userId, 'all'), 'User');
    return new Created(view, `/api/v1/organizations/${organizationId}/users/${userId}`);
  }

  @Get(':userId')
  @Can('read', 'User')
  @ApiOperation({ summary: 'One active member' })
  @ApiOkEnvelope(MemberResponse)
  async get(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
    @CurrentActor() actor: Actor,
  ) {
    return versioned(
      await this.queries.get(organizationId, userId, actor.departmentScope('read', 'User')),
      'User',
    );
  }

  @Patch(':userId')
  @ApiIfMatch()
  @Can('update', 'User')
  @AuditAction('member.update', 'User')
  @ApiOperation({ summary: "Change a member's name or department (If-Match supported)" })
  @ApiOkEnvelope(MemberResponse)
  async update(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() body: UpdateMemberRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    await this.updateMember.execute(
      userId,
      { fullName: body.full_name, departmentId: body.department_id },
      actor,
      ifMatch(ifMatchHeader, userId),
    );
    return versioned(await this.queries.get(organizationId, userId, 'all'), 'User');
  }

  @Delete(':userId')
  @Can('delete', 'User')
  @AuditAction('member.remove', 'User')
  @ApiOperation({ summary: "End a membership (the account stays) and remove the member's role grants here" })
  @ApiNoContent()
  async remove(@Param('userId', UuidPipe) userId: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.removeMember.execute(userId, actor);
  }
}
