import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ListQuery } from '@erp/platform';
import type { ApiKeyStatus } from '../domain/api-key';
import { PERMISSION_CATALOGUE } from '../domain/permission-catalogue';
import type { ApiKeyView } from '../infrastructure/api-key.queries';
import { IsUuidRef } from './dto-support';

const CODES = PERMISSION_CATALOGUE.map((p) => p.code);
/** A date-time with its offset (`Z` or `+09:00`), so an expiry never depends on the server's zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const STATUSES: ApiKeyStatus[] = ['active', 'expired', 'revoked'];

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'Nightly ERP export', maxLength: 100 })
  @MaxLength(100)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The one organization the key works in (you must be a member)',
  })
  @IsUuidRef()
  organization_id!: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 200,
    nullable: true,
    example: ['task:read'],
    description:
      'Catalogue permissions (GET /api/v1/permissions) the key may use, each one you hold in the organization. ' +
      'Left out or null: the key acts with all of your permissions there. Either way it never exceeds your current ones.',
  })
  @IsOptional()
  @IsIn(CODES, { each: true })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  scopes?: string[] | null;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2027-01-31T00:00:00Z',
    description: 'When the key stops working (in the future, with a time zone offset); left out: never',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  @MaxLength(35)
  @IsString()
  expires_at?: string | null;
}

export class ApiKeyListQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only keys of this organization' })
  @IsOptional()
  @IsUuidRef()
  organization_id?: string;
}

export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 100 }) name!: string;
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty({
    maxLength: 21,
    example: 'erpk_3f9a0c1b2d4e5f60',
    description: 'The public start of the key, to tell keys apart (the key itself is never shown again)',
  })
  prefix!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 200,
    nullable: true,
    description: "`null`: the owner's permissions in the organization",
  })
  scopes!: string[] | null;
  @ApiProperty({ enum: STATUSES }) status!: ApiKeyStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at!: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Updated at most once a minute',
  })
  last_used_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    maxLength: 100,
    example: 'erpk_3f9a0c1b2d4e5f60_Vb9…',
    description: 'The key, shown this once: send it in the X-API-Key header. Only its hash is stored.',
  })
  key!: string;
}
