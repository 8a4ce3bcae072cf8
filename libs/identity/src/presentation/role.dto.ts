import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PERMISSION_CATALOGUE } from '../domain/permission-catalogue';
import { ROLE_LEVELS, RoleLevel } from '@erp/kernel';
import type { RoleView } from '../infrastructure/role.queries';
import { IsUuidRef } from './dto-support';

const CODE = /^[A-Za-z0-9_-]+$/;
const CODES = PERMISSION_CATALOGUE.map((p) => p.code);
const LEVEL_DOC =
  "For ABAC policies' `user.role_level` (member < manager < admin); a role also has its parent's level when higher. " +
  'Nobody can confer a level above their own.';

export class CreateRoleRequest {
  @ApiProperty({ example: 'project-lead', maxLength: 50, pattern: CODE.source })
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  code!: string;

  @ApiProperty({ example: 'Project lead', maxLength: 200 })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @MaxLength(2000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Role to inherit permissions from (same organization)',
  })
  @IsOptional()
  @IsUuidRef()
  parent_id?: string | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 200,
    example: ['project:read', 'task:read'],
    description: 'Catalogue permissions (GET /api/v1/permissions)',
  })
  @IsIn(CODES, { each: true })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  permissions!: string[];

  @ApiPropertyOptional({ enum: ROLE_LEVELS, default: 'member', description: LEVEL_DOC })
  @IsOptional()
  @IsIn(ROLE_LEVELS)
  @IsString()
  level?: RoleLevel;
}

export class UpdateRoleRequest {
  @ApiPropertyOptional({ maxLength: 50, pattern: CODE.source, description: 'Built-in roles keep their code' })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  code?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @MaxLength(2000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '`null`: inherit from nothing',
  })
  @IsOptional()
  @IsUuidRef()
  parent_id?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 200,
    description: "Replaces the role's own permissions",
  })
  @IsOptional()
  @IsIn(CODES, { each: true })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  permissions?: string[];

  @ApiPropertyOptional({ enum: ROLE_LEVELS, description: LEVEL_DOC })
  @IsOptional()
  @IsIn(ROLE_LEVELS)
  @IsString()
  level?: RoleLevel;
}

export class RoleResponse implements RoleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 2000, nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parent_id!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 200,
    description: "The role's own permissions",
  })
  permissions!: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 1000,
    description: "Own permissions plus every ancestor role's (catalogue permissions, each once)",
  })
  effective_permissions!: string[];
  @ApiProperty() is_builtin!: boolean;
  @ApiProperty({ enum: ROLE_LEVELS, description: LEVEL_DOC }) level!: RoleLevel;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
