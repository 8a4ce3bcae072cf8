import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiOkEnvelope, Can, Paginated, toPageRequest, UuidPipe } from '@erp/platform';
import { VerifyAuditChainUseCase } from '../application/verify-audit-chain.use-case';
import { AUDIT_LOG_SORT, AuditLogQueries } from '../infrastructure/audit-log.queries';
import { AuditLogListQuery, AuditLogResponse, AuditVerificationResponse } from './audit-log.dto';

@ApiTags('audit')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@Controller('api/v1/organizations/:organizationId/audit-logs')
export class AuditLogsController {
  constructor(
    private readonly queries: AuditLogQueries,
    private readonly verifyChain: VerifyAuditChainUseCase,
  ) {}

  @Get()
  @Can('read', 'Audit')
  @ApiOperation({
    summary:
      'The organization’s audit trail (filters: actor_id, action, target_type, target_id, outcome, from, to)',
  })
  @ApiOkEnvelope(AuditLogResponse, { list: true })
  async list(@Param('organizationId', UuidPipe) organizationId: string, @Query() query: AuditLogListQuery) {
    const page = await this.queries.list(
      organizationId,
      toPageRequest(query, AUDIT_LOG_SORT, '-occurred_at'),
      {
        actorId: query.actor_id,
        action: query.action,
        targetType: query.target_type,
        targetId: query.target_id,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
        q: query.q,
      },
    );
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Get('verify')
  @Can('read', 'Audit')
  @ApiOperation({ summary: 'Verify the organization’s hash chain from its retention checkpoint to its head' })
  @ApiOkEnvelope(AuditVerificationResponse)
  async verify(
    @Param('organizationId', UuidPipe) organizationId: string,
  ): Promise<AuditVerificationResponse> {
    const result = await this.verifyChain.execute(organizationId);
    return {
      valid: result.valid,
      checked: result.checked,
      first_invalid_id: result.firstInvalidId,
      reason: result.reason,
    };
  }
}
