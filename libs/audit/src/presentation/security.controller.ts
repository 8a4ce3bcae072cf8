import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiOkEnvelope, Can, Paginated, toPageRequest, UuidPipe } from '@erp/platform';
import { RunSecurityScanUseCase } from '../application/run-security-scan.use-case';
import { SECURITY_FINDING_SORT, SecurityFindingQueries } from '../infrastructure/security-finding.queries';
import {
  RunSecurityScanRequest,
  SecurityFindingListQuery,
  SecurityFindingResponse,
  SecurityScanResponse,
} from './security-finding.dto';

@ApiTags('security')
@ApiParam({ name: 'organizationId', type: String, format: 'uuid' })
@Controller('api/v1/organizations/:organizationId/security')
export class SecurityController {
  constructor(
    private readonly queries: SecurityFindingQueries,
    private readonly runScan: RunSecurityScanUseCase,
  ) {}

  @Get('findings')
  @Can('read', 'Security')
  @ApiOperation({
    summary: 'Security findings of the daily and on-demand scans (filters: type, severity, from)',
  })
  @ApiOkEnvelope(SecurityFindingResponse, { list: true })
  async findings(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Query() query: SecurityFindingListQuery,
  ) {
    const page = await this.queries.list(
      organizationId,
      toPageRequest(query, SECURITY_FINDING_SORT, '-detected_at'),
      { type: query.type, severity: query.severity, from: query.from, q: query.q },
    );
    return new Paginated(page.items, page.total, page.page, page.size);
  }

  @Post('scans')
  @Can('scan', 'Security')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Scan the organization now; answers with counts (an open finding found again is not duplicated)',
  })
  @ApiOkEnvelope(SecurityScanResponse)
  async scan(
    @Param('organizationId', UuidPipe) organizationId: string,
    @Body() body: RunSecurityScanRequest,
  ): Promise<SecurityScanResponse> {
    const s = await this.runScan.execute(organizationId, body.types);
    return {
      organization_id: s.organizationId,
      scanned_at: s.scannedAt.toISOString(),
      opened: s.opened,
      refreshed: s.refreshed,
      by_type: s.byType,
      by_severity: s.bySeverity,
    };
  }
}
