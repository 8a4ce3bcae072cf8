import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsUuidRef } from './dto-support';

export class ExplainRequest {
  @ApiProperty({ format: 'uuid', description: 'The member whose access is explained' })
  @IsUuidRef()
  user_id!: string;

  @ApiProperty({ example: 'read', maxLength: 50, pattern: '^[a-z_]+$' })
  @Matches(/^[a-z_]+$/)
  @MaxLength(50)
  @IsString()
  action!: string;

  @ApiProperty({ example: 'task', maxLength: 50, pattern: '^([a-z_]+|[A-Z][A-Za-z]*)$' })
  @Matches(/^([a-z_]+|[A-Z][A-Za-z]*)$/)
  @MaxLength(50)
  @IsString()
  subject!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A record to decide on (tasks and projects)' })
  @IsOptional()
  @IsUuidRef()
  resource_id?: string;
}

export class ExplainReasonResponse {
  @ApiProperty({ enum: ['grant', 'no_grant', 'policy'] }) type!: string;
  @ApiPropertyOptional({ format: 'uuid' }) role_id?: string;
  @ApiPropertyOptional({ maxLength: 50 }) role_code?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Department the grant is narrowed to',
  })
  department_id?: string | null;
  @ApiPropertyOptional({ description: 'Whether the grant reaches the record (its department narrowing)' })
  applies?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) policy_id?: string;
  @ApiPropertyOptional({ maxLength: 200 }) name?: string;
  @ApiPropertyOptional({ enum: ['allow', 'deny'] }) effect?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) condition?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'null: depends on the record (none named)',
  })
  matched?: boolean | null;
  @ApiPropertyOptional({ maxLength: 200 }) message?: string;
}

export class ExplainResponse {
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ maxLength: 100 }) permission!: string;
  @ApiProperty({ type: [ExplainReasonResponse], maxItems: 1000 }) reasons!: ExplainReasonResponse[];
}
