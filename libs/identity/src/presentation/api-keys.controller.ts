import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceNotFound } from '@erp/kernel';
import {
  Actor,
  ApiCreatedEnvelope,
  ApiIdParam,
  ApiNoContent,
  ApiOkEnvelope,
  AuditAction,
  Can,
  Created,
  CurrentActor,
  Paginated,
  RefuseApiKey,
  toPageRequest,
  UuidPipe,
} from '@erp/platform';
import { CreateApiKeyUseCase } from '../application/create-api-key.use-case';
import { RevokeApiKeyUseCase } from '../application/revoke-api-key.use-case';
import { API_KEY_SORT, ApiKeyQueries } from '../infrastructure/api-key.queries';
import { ApiKeyListQuery, ApiKeyResponse, CreateApiKeyRequest, CreatedApiKeyResponse } from './api-key.dto';

/** The caller's own API keys. Managed with a user's token only: a key cannot list, create or revoke keys. */
@ApiTags('api-keys')
@RefuseApiKey()
@Controller('api/v1/me/api-keys')
export class ApiKeysController {
  constructor(
    private readonly queries: ApiKeyQueries,
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly revokeApiKey: RevokeApiKeyUseCase,
  ) {}

  @Get()
  @Can('read', 'ApiKey')
  @ApiOperation({ summary: 'Your API keys in every organization (never the keys themselves)' })
  @ApiOkEnvelope(ApiKeyResponse, { list: true })
  async list(@Query() query: ApiKeyListQuery, @CurrentActor() actor: Actor) {
    const page = await this.queries.listOwn(actor.userId, toPageRequest(query, API_KEY_SORT, '-created_at'), {
      organizationId: query.organization_id,
      q: query.q,
    });
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Get(':id')
  @Can('read', 'ApiKey')
  @ApiIdParam()
  @ApiOperation({ summary: 'One of your API keys' })
  @ApiOkEnvelope(ApiKeyResponse)
  async get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    const view = await this.queries.getOwn(actor.userId, id);
    if (!view) throw new ResourceNotFound('ApiKey');
    return view;
  }

  @Post()
  @Can('create', 'ApiKey')
  @AuditAction('api_key.create', 'ApiKey')
  @ApiOperation({
    summary:
      'Create an API key for one of your organizations; the key is in `data.key`, shown this once. ' +
      'Scopes beyond your permissions there are refused (403 AUTH004).',
  })
  @ApiCreatedEnvelope(CreatedApiKeyResponse)
  async create(@Body() body: CreateApiKeyRequest, @CurrentActor() actor: Actor) {
    const { apiKey, key } = await this.createApiKey.execute(
      {
        name: body.name,
        organizationId: body.organization_id,
        scopes: body.scopes ?? null,
        expiresAt: body.expires_at ? new Date(body.expires_at) : null,
      },
      actor,
    );
    const view = await this.queries.getOwn(actor.userId, apiKey.id);
    if (!view) throw new ResourceNotFound('ApiKey');
    return new Created<CreatedApiKeyResponse>({ ...view, key }, `/api/v1/me/api-keys/${apiKey.id}`);
  }

  @Delete(':id')
  @AuditAction('api_key.revoke', 'ApiKey')
  @Can('delete', 'ApiKey')
  @ApiIdParam()
  @ApiOperation({ summary: 'Revoke one of your API keys: it stops working at once' })
  @ApiNoContent()
  async revoke(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.revokeApiKey.execute(id, actor);
  }
}
