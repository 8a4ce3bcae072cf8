import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, ApiOkEnvelope, AuditAction, Can, CurrentActor, RefuseApiKey, UuidPipe } from '@erp/platform';
import { EraseUserUseCase } from '../application/erase-user.use-case';
import { ExportUserDataUseCase } from '../application/export-user-data.use-case';
import { ErasureResponse, UserDataExportResponse } from './data-rights.dto';

const attachment = (reply: FastifyReply, userId: string): void => {
  reply.header('Content-Disposition', `attachment; filename="data-export-${userId}.json"`);
};

/**
 * Data rights (contract §12): a user's own export, and export and erasure of any user by a
 * platform administrator (anyone else: 403 AUTH004, as for creating an organization). Never with
 * an API key: a key acts for its owner in one organization only, and personal data leaves only on
 * a user's own sign-in.
 */
@ApiTags('data-rights')
@RefuseApiKey()
@Controller('api/v1')
export class DataRightsController {
  constructor(
    private readonly exportUserData: ExportUserDataUseCase,
    private readonly eraseUser: EraseUserUseCase,
  ) {}

  @Get('me/data-export')
  @Can('read', 'Profile')
  @ApiOperation({ summary: 'Everything held about you, as a JSON attachment (recorded as privacy.export)' })
  @ApiOkEnvelope(UserDataExportResponse)
  async exportOwn(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    attachment(reply, actor.userId);
    return this.exportUserData.execute(actor.userId);
  }

  @Get('users/:userId/data-export')
  @Can('export', 'User')
  @ApiParam({ name: 'userId', type: String, format: 'uuid' })
  @ApiOperation({ summary: 'Everything held about a user (platform administrators only)' })
  @ApiOkEnvelope(UserDataExportResponse)
  async exportUser(
    @Param('userId', UuidPipe) userId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    attachment(reply, userId);
    return this.exportUserData.execute(userId);
  }

  @Post('users/:userId/erasure')
  @HttpCode(200)
  @Can('erase', 'User')
  @AuditAction('privacy.erase', 'User')
  @ApiParam({ name: 'userId', type: String, format: 'uuid' })
  @ApiOperation({
    summary:
      'Erase a user (platform administrators only): anonymize the account, end its memberships and ' +
      'access, pseudonymize the audit trail (chains stay verifiable); work stays. Repeatable; never yourself (409 BIZ003).',
  })
  @ApiOkEnvelope(ErasureResponse)
  erase(@Param('userId', UuidPipe) userId: string, @CurrentActor() actor: Actor) {
    return this.eraseUser.execute(userId, actor);
  }
}
