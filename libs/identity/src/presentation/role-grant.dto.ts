import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { RoleGrantView } from '../infrastructure/role-grant.queries';
import { IsUuidRef } from './dto-support';

export class GrantRoleRequest {
  @ApiProperty({ format: 'uuid', description: 'A role of this organization' })
  @IsUuidRef()
  role_id!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Narrows the grant to this department and its sub-departments',
  })
  @IsOptional()
  @IsUuidRef()
  department_id?: string | null;
}

export class RoleGrantResponse implements RoleGrantView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) role_id!: string;
  @ApiProperty({ maxLength: 50 }) role_code!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) department_id!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
