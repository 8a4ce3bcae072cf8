import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, ApiOkEnvelope, Can, CurrentActor } from '@erp/platform';
import { ExplainAccessUseCase } from '../application/explain-access.use-case';
import { ExplainRequest, ExplainResponse } from './explain.dto';

@ApiTags('policies')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@Controller('api/v1/organizations/:organizationId/authorization')
export class AuthorizationController {
  constructor(private readonly explainAccess: ExplainAccessUseCase) {}

  @Post('explain')
  @HttpCode(200)
  @Can('explain', 'Authorization')
  @ApiOperation({
    summary: 'May a member do an action on a subject (or one record), and by which grants and policies?',
  })
  @ApiOkEnvelope(ExplainResponse)
  explain(@Body() body: ExplainRequest, @CurrentActor() actor: Actor) {
    return this.explainAccess.execute(
      { userId: body.user_id, action: body.action, subject: body.subject, resourceId: body.resource_id },
      actor,
    );
  }
}
