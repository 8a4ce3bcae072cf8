import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQuery, MAX_CONDITION_LENGTH } from '@erp/platform';
import { PERMISSION_CATALOGUE } from '../domain/permission-catalogue';
import { POLICY_EFFECTS, PolicyEffect } from '../domain/policy';
import type { PolicyView } from '../infrastructure/policy.queries';

const POLICY_PERMISSIONS = PERMISSION_CATALOGUE.map((p) => p.code).filter((c) => !c.startsWith('policy:'));
const CONDITION_DOC =
  'Expression over user.id, user.department, user.departments, user.role_level (member < manager < admin), user.roles, ' +
  "time.hour, time.weekday (UTC; 1 = Monday) and the resource.* attributes of the permission's subject " +
  '(tasks: id, department, assignee, created_by, project, status, priority; projects: id, department, created_by, status). ' +
  "Operators: and, or, not, ==, !=, <, <=, >, >= (numbers and levels), in, not in; literals: 'text', numbers, true, false, null, [lists].";

export class CreatePolicyRequest {
  @ApiProperty({ example: 'Department visibility', maxLength: 200 })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @MaxLength(2000)
  @IsString()
  description?: string | null;

  @ApiProperty({
    example: 'task:read',
    enum: POLICY_PERMISSIONS,
    description: 'The permission the policy narrows',
  })
  @IsIn(POLICY_PERMISSIONS)
  @IsString()
  permission!: string;

  @ApiProperty({
    enum: POLICY_EFFECTS,
    description:
      'allow: the permission applies only where the condition (or another allow policy of the permission) holds; ' +
      'deny: the permission is refused wherever the condition holds (deny wins)',
  })
  @IsIn(POLICY_EFFECTS)
  @IsString()
  effect!: PolicyEffect;

  @ApiProperty({
    example: "user.department == resource.department or user.role_level >= 'manager'",
    maxLength: MAX_CONDITION_LENGTH,
    description: CONDITION_DOC,
  })
  @MaxLength(MAX_CONDITION_LENGTH)
  @IsNotEmpty()
  @IsString()
  condition!: string;
}

export class UpdatePolicyRequest {
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

  @ApiPropertyOptional({ enum: POLICY_PERMISSIONS })
  @IsOptional()
  @IsIn(POLICY_PERMISSIONS)
  @IsString()
  permission?: string;

  @ApiPropertyOptional({ enum: POLICY_EFFECTS })
  @IsOptional()
  @IsIn(POLICY_EFFECTS)
  @IsString()
  effect?: PolicyEffect;

  @ApiPropertyOptional({ maxLength: MAX_CONDITION_LENGTH, description: CONDITION_DOC })
  @IsOptional()
  @MaxLength(MAX_CONDITION_LENGTH)
  @IsNotEmpty()
  @IsString()
  condition?: string;
}

export class PolicyListQuery extends ListQuery {
  @ApiPropertyOptional({
    maxLength: 100,
    pattern: '^[a-z_]+:[a-z_]+$',
    description: 'Only policies on this permission',
  })
  @IsOptional()
  @Matches(/^[a-z_]+:[a-z_]+$/)
  @MaxLength(100)
  @IsString()
  permission?: string;

  @ApiPropertyOptional({ enum: POLICY_EFFECTS })
  @IsOptional()
  @IsIn(POLICY_EFFECTS)
  @IsString()
  effect?: PolicyEffect;
}

export class PolicyResponse implements PolicyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 2000, nullable: true, type: String }) description!: string | null;
  @ApiProperty({ maxLength: 100 }) permission!: string;
  @ApiProperty({ enum: POLICY_EFFECTS }) effect!: PolicyEffect;
  @ApiProperty({ maxLength: MAX_CONDITION_LENGTH }) condition!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
