import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQuery } from '@erp/platform';
import type { DepartmentView } from '../infrastructure/department.queries';
import { IsUuidRef } from './dto-support';

const CODE = /^[A-Za-z0-9_-]+$/;

export class CreateDepartmentRequest {
  @ApiProperty({ example: 'Engineering', maxLength: 200 })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiProperty({ example: 'eng', maxLength: 50, pattern: CODE.source })
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  code!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Parent department (same organization); none: top level',
  })
  @IsOptional()
  @IsUuidRef()
  parent_id?: string | null;
}

export class UpdateDepartmentRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ maxLength: 50, pattern: CODE.source })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(50)
  @IsString()
  code?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'New parent; `null` moves the department to the top',
  })
  @IsOptional()
  @IsUuidRef()
  parent_id?: string | null;
}

export class DepartmentListQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct sub-departments of this department' })
  @IsOptional()
  @IsUuidRef()
  parent_id?: string;
}

export class DepartmentResponse implements DepartmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parent_id!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
