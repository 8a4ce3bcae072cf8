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
import { CreatePolicyUseCase } from '../application/create-policy.use-case';
import { DeletePolicyUseCase } from '../application/delete-policy.use-case';
import { UpdatePolicyUseCase } from '../application/update-policy.use-case';
import { POLICY_SORT, PolicyQueries } from '../infrastructure/policy.queries';
import { CreatePolicyRequest, PolicyListQuery, PolicyResponse, UpdatePolicyRequest } from './policy.dto';
import { ifMatch, versioned } from './responses';

@ApiTags('policies')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@ChangesAccess()
@Controller('api/v1/organizations/:organizationId/policies')
export class PoliciesController {
  constructor(
    private readonly queries: PolicyQueries,
    private readonly createPolicy: CreatePolicyUseCase,
    private readonly updatePolicy: UpdatePolicyUseCase,
    private readonly deletePolicy: DeletePolicyUseCase,
  ) {}

  @Get()
  @Can('read', 'Policy')
  @ApiOperation({ summary: 'Access policies (ABAC) of the organization, filtered by permission or effect' })
  @ApiOkEnvelope(PolicyResponse, { list: true })
  async list(@Param('organizationId', UuidPipe) organizationId: string, @Query() query: PolicyListQuery) {
    const page = await this.queries.list(organizationId, query, toPageRequest(query, POLICY_SORT, 'name'));
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post()
  @Can('create', 'Policy')
  @ApiOperation({
    summary:
      'Create a policy narrowing a permission by a condition (422 VAL002 says where a condition is wrong)',
  })
  @ApiCreatedEnvelope(PolicyResponse)
  async create(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: CreatePolicyRequest,
    @CurrentActor() actor: Actor,
  ) {
    const policy = await this.createPolicy.execute(body, actor);
    const { body: view } = versioned(await this.queries.get(organizationId, policy.id), 'Policy');
    return new Created(view, `/api/v1/organizations/${organizationId}/policies/${policy.id}`);
  }

  @Get(':policyId')
  @Can('read', 'Policy')
  @ApiOperation({ summary: 'One policy, with its ETag' })
  @ApiOkEnvelope(PolicyResponse)
  async get(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('policyId', UuidPipe) policyId: string,
  ) {
    return versioned(await this.queries.get(organizationId, policyId), 'Policy');
  }

  @Patch(':policyId')
  @ApiIfMatch()
  @Can('update', 'Policy')
  @ApiOperation({ summary: 'Change a policy (partial; If-Match supported)' })
  @ApiOkEnvelope(PolicyResponse)
  async update(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Param('policyId', UuidPipe) policyId: string,
    @Body() body: UpdatePolicyRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ) {
    await this.updatePolicy.execute(policyId, body, actor, ifMatch(ifMatchHeader, policyId));
    return versioned(await this.queries.get(organizationId, policyId), 'Policy');
  }

  @Delete(':policyId')
  @ApiIfMatch()
  @Can('delete', 'Policy')
  @ApiOperation({ summary: 'Delete a policy (If-Match supported)' })
  @ApiNoContent()
  async remove(
    @Param('policyId', UuidPipe) policyId: string,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatchHeader?: string,
  ): Promise<void> {
    await this.deletePolicy.execute(policyId, actor, ifMatch(ifMatchHeader, policyId));
  }
}
