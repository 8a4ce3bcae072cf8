import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, MaxLength } from 'class-validator';
import { ListQuery } from '@erp/platform';
import { FINDING_TYPES, FindingType, SEVERITIES } from '../domain/security/security-finding';
import type { SecurityFindingView } from '../infrastructure/security-finding.queries';

const SUBJECT_TYPES = ['user', 'ip', 'role'];
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

export class SecurityFindingListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: FINDING_TYPES })
  @IsOptional()
  @IsIn(FINDING_TYPES)
  type?: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    maxLength: 40,
    description: 'Findings detected (first or again) at or after this time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  from?: string;
}

export class RunSecurityScanRequest {
  @ApiPropertyOptional({
    type: [String],
    enum: FINDING_TYPES,
    maxItems: FINDING_TYPES.length,
    uniqueItems: true,
    description: 'The kinds of findings to look for (default: all)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FINDING_TYPES.length)
  @ArrayUnique()
  @IsIn(FINDING_TYPES, { each: true })
  types?: FindingType[];
}

export class SecurityFindingResponse implements SecurityFindingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty({ enum: FINDING_TYPES }) type!: string;
  @ApiProperty({ maxLength: 50, example: 'failed_login_burst_account', description: 'The detector rule' })
  rule!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ enum: SUBJECT_TYPES }) subject_type!: string;
  @ApiProperty({ maxLength: 200, description: 'A user id, role id or IP address' }) subject_id!: string;
  @ApiProperty({ maxLength: 500 }) summary!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Counts, ids, IPs and times behind the finding (never a secret)',
  })
  evidence!: Record<string, unknown>;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ format: 'date-time', description: 'First detected' }) detected_at!: string;
  @ApiProperty({ format: 'date-time', description: 'Last detected (a later scan found it again)' })
  last_detected_at!: string;
  @ApiProperty({ ...COUNT, minimum: 1, description: 'Scans that found it' })
  occurrences!: number;
}

class SecurityCountsByType implements Record<(typeof FINDING_TYPES)[number], number> {
  @ApiProperty(COUNT) access_anomaly!: number;
  @ApiProperty(COUNT) dormant_account!: number;
  @ApiProperty(COUNT) privilege_escalation!: number;
  @ApiProperty(COUNT) session_anomaly!: number;
}

class SecurityCountsBySeverity implements Record<(typeof SEVERITIES)[number], number> {
  @ApiProperty(COUNT) low!: number;
  @ApiProperty(COUNT) medium!: number;
  @ApiProperty(COUNT) high!: number;
  @ApiProperty(COUNT) critical!: number;
}

export class SecurityScanResponse {
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty({ format: 'date-time' }) scanned_at!: string;
  @ApiProperty({ ...COUNT, description: 'New open findings' })
  opened!: number;
  @ApiProperty({ ...COUNT, description: 'Open findings found again (not duplicated)' })
  refreshed!: number;
  @ApiProperty({ type: SecurityCountsByType, description: 'Findings of this scan by type' })
  by_type!: SecurityCountsByType;
  @ApiProperty({ type: SecurityCountsBySeverity, description: 'Findings of this scan by severity' })
  by_severity!: SecurityCountsBySeverity;
}
