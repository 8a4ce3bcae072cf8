import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsNumber,
  Max,
  Min,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { ListQuery } from '@erp/platform';
import { NewProject, PROJECT_STATUSES, ProjectChanges, ProjectStatus } from '../domain/project';
import type { ProjectView } from '../infrastructure/project.queries';
import { IsCalendarDate, Nullable, Optional } from './validation';

const CODE = /^[A-Za-z0-9_-]+$/;
const BUDGET_DOC = {
  type: Number,
  format: 'double',
  nullable: true,
  minimum: 0,
  maximum: 999_999_999_999.99,
  description: 'Sensitive: setting it needs project:update_budget (403 AUTH004 otherwise, nothing stored)',
};

export class CreateProjectRequest {
  @ApiProperty({ maxLength: 200, example: 'Line 3 retrofit' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @IsDefined()
  name!: string;

  @ApiProperty({
    maxLength: 50,
    pattern: CODE.source,
    example: 'L3-RETRO',
    description: 'Unique in the organization',
  })
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  @IsDefined()
  code!: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true, type: String })
  @Nullable()
  @MaxLength(5000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A department of this organization',
  })
  @Nullable()
  @IsUUID()
  department_id?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, example: '2026-01-05' })
  @Nullable()
  @IsCalendarDate()
  starts_on?: string | null;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    example: '2026-06-30',
    description: 'On or after starts_on',
  })
  @Nullable()
  @IsCalendarDate()
  ends_on?: string | null;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, default: 'planned' })
  @Optional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional(BUDGET_DOC)
  @Nullable()
  @Max(999_999_999_999.99)
  @Min(0)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  budget_amount?: number | null;
}

/** Every field optional; `null` clears an optional one. Unknown properties are refused (422). */
export class UpdateProjectRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ maxLength: 50, pattern: CODE.source })
  @Optional()
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  code?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true, type: String })
  @Nullable()
  @MaxLength(5000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @Nullable()
  @IsUUID()
  department_id?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @Nullable()
  @IsCalendarDate()
  starts_on?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @Nullable()
  @IsCalendarDate()
  ends_on?: string | null;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @Optional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional(BUDGET_DOC)
  @Nullable()
  @Max(999_999_999_999.99)
  @Min(0)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  budget_amount?: number | null;
}

export class ProjectListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  department_id?: string;
}

export class ProjectResponse implements ProjectView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 5000, nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) department_id!: string | null;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: ProjectStatus;
  @ApiProperty({ format: 'date', nullable: true, type: String }) starts_on!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) ends_on!: string | null;
  @ApiPropertyOptional({
    ...BUDGET_DOC,
    description: 'Present only for callers with project:read_budget on the project',
  })
  budget_amount?: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Changes on every update; the ETag carries it' }) version!: number;
}

const changesOf = (body: UpdateProjectRequest): ProjectChanges => ({
  name: body.name,
  code: body.code,
  description: body.description,
  departmentId: body.department_id,
  startsOn: body.starts_on,
  endsOn: body.ends_on,
  status: body.status,
  budgetAmount: body.budget_amount,
});

export const toNewProject = (body: CreateProjectRequest): NewProject => ({
  ...changesOf(body),
  name: body.name,
  code: body.code,
});
export const toProjectChanges = changesOf;
