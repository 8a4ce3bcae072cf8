import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceNotFound } from '@erp/kernel';
import {
  Actor,
  ApiCreatedEnvelope,
  assertIfMatch,
  ApiOkEnvelope,
  Can,
  Created,
  CurrentActor,
  etagOf,
  ListQuery,
  Paginated,
  RefuseApiKey,
  toPageRequest,
  UuidPipe,
  Versioned,
  IfMatch,
  ApiIfMatch,
} from '@erp/platform';
import { CreateOrganizationUseCase } from '../application/create-organization.use-case';
import { UpdateOrganizationUseCase } from '../application/update-organization.use-case';
import { OrganizationRepository } from '../domain/ports';
import { ORGANIZATION_SORT, OrganizationQueries } from '../infrastructure/organization.queries';
import {
  CreateOrganizationRequest,
  OrganizationResponse,
  toOrganizationResponse,
  UpdateOrganizationRequest,
} from './organization.dto';

@ApiTags('organizations')
@Controller('api/v1/organizations')
export class OrganizationsController {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly organizations: OrganizationRepository,
    private readonly createOrganization: CreateOrganizationUseCase,
    private readonly updateOrganization: UpdateOrganizationUseCase,
  ) {}

  @Get()
  @Can('read', 'Organization')
  @ApiOperation({
    summary: "The caller's organizations (all of them for a platform administrator; an API key's own only)",
  })
  @ApiOkEnvelope(OrganizationResponse, { list: true })
  async list(@Query() query: ListQuery, @CurrentActor() actor: Actor) {
    const page = await this.queries.list(
      actor.userId,
      actor.platformAdmin,
      toPageRequest(query, ORGANIZATION_SORT, 'name'),
      query.q,
      actor.apiKeyId ? actor.organizationId : null,
    );
    return new Paginated(page.items.map(toOrganizationResponse), page.total, page.page, page.size);
  }

  @Post()
  @Can('create', 'Organization')
  @RefuseApiKey()
  @ApiOperation({
    summary: 'Create an organization (platform administrators only); the creator becomes its admin',
  })
  @ApiCreatedEnvelope(OrganizationResponse)
  async create(@Body() body: CreateOrganizationRequest, @CurrentActor() actor: Actor) {
    const org = await this.createOrganization.execute(body, actor);
    const saved = await this.organizations.findById(org.id);
    return new Created(toOrganizationResponse(saved ?? org), `/api/v1/organizations/${org.id}`);
  }

  @Get(':organizationId')
  @Can('read', 'Organization')
  @ApiOperation({ summary: 'One organization' })
  @ApiOkEnvelope(OrganizationResponse)
  async get(@Param('organizationId', UuidPipe) organizationId: string) {
    const org = await this.organizations.findById(organizationId);
    if (!org) throw new ResourceNotFound('Organization', organizationId);
    return new Versioned(toOrganizationResponse(org), etagOf(org.id, org.version));
  }

  @Patch(':organizationId')
  @ApiIfMatch()
  @Can('update', 'Organization')
  @ApiOperation({ summary: 'Change the organization (If-Match supported)' })
  @ApiOkEnvelope(OrganizationResponse)
  async update(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: UpdateOrganizationRequest,
    @CurrentActor() actor: Actor,
    @IfMatch() ifMatch?: string,
  ) {
    const org = await this.updateOrganization.execute(
      organizationId,
      { name: body.name, description: body.description, isActive: body.is_active },
      actor,
      (current) => assertIfMatch(ifMatch, current.id, current.version),
    );
    return new Versioned(toOrganizationResponse(org), etagOf(org.id, org.version));
  }
}
