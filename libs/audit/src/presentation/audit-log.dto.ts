import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ListQuery } from '@erp/platform';
import type { ChainFault } from '../domain/chain-verifier';
import type { AuditLogView } from '../infrastructure/audit-log.queries';

const OUTCOMES = ['success', 'denied', 'failed'] as const;
const ACTOR_TYPES = ['user', 'sso', 'api_key', 'anonymous', 'system'] as const;
const FAULTS: ChainFault[] = ['missing_rows', 'broken_link', 'altered', 'personal_data_altered', 'truncated'];
const HASH = { minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' };

export class AuditLogListQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The acting user (also the owner of an API key)' })
  @IsOptional()
  @IsUUID()
  actor_id?: string;

  @ApiPropertyOptional({ maxLength: 100, pattern: '^[a-z0-9_.-]+$', example: 'task.update' })
  @IsOptional()
  @Matches(/^[a-z0-9_.-]+$/)
  @MaxLength(100)
  @IsString()
  action?: string;

  @ApiPropertyOptional({ maxLength: 100, pattern: '^[A-Za-z0-9_]+$', example: 'Task' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]+$/)
  @MaxLength(100)
  @IsString()
  target_type?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  target_id?: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'From this time (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Before this time (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  to?: string;
}

export class AuditChangesResponse {
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Values before' })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'Values after' })
  after!: Record<string, unknown> | null;
}

export class AuditLogResponse implements AuditLogView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id!: string | null;
  @ApiProperty({ description: 'Position in the organization’s chain' }) sequence!: number;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;
  @ApiProperty({ enum: ACTOR_TYPES }) actor_type!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_id!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) api_key_id!: string | null;
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) sso_issuer!: string | null;
  @ApiProperty({ maxLength: 255, nullable: true, type: String, description: 'Erased by pseudonymization' })
  sso_subject!: string | null;
  @ApiProperty({
    maxLength: 320,
    nullable: true,
    type: String,
    description: 'e.g. the username of a failed login',
  })
  actor_display!: string | null;
  @ApiProperty({ maxLength: 100, example: 'task.update' }) action!: string;
  @ApiProperty({ maxLength: 100, nullable: true, type: String }) target_type!: string | null;
  @ApiProperty({ maxLength: 200, nullable: true, type: String }) target_id!: string | null;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ maxLength: 20, nullable: true, type: String }) error_code!: string | null;
  @ApiProperty({ maxLength: 128, nullable: true, type: String }) request_id!: string | null;
  @ApiProperty({ maxLength: 100, nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ maxLength: 500, nullable: true, type: String }) user_agent!: string | null;
  @ApiProperty({ type: AuditChangesResponse, nullable: true, description: 'Secrets redacted' })
  changes!: AuditChangesResponse | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'HTTP method, path, status...' })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) pseudonymized_at!: string | null;
  @ApiProperty(HASH) prev_hash!: string;
  @ApiProperty(HASH) hash!: string;
}

export class AuditVerificationResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Rows checked' }) checked!: number;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The first row that breaks the chain',
  })
  first_invalid_id!: string | null;
  @ApiProperty({ enum: FAULTS, nullable: true, type: String }) reason!: ChainFault | null;
}
