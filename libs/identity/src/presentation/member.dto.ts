import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ListQuery } from '@erp/platform';
import type { MemberView } from '../infrastructure/member.queries';
import { IsUuidRef } from './dto-support';

export class AddMemberRequest {
  @ApiProperty({ example: 'jane@example.com', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  @IsString()
  email!: string;

  @ApiProperty({ example: 'Jane Doe', maxLength: 200, description: 'Used only when the account is new' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  full_name!: string;

  @ApiPropertyOptional({ minLength: 12, maxLength: 1024, description: 'Used only when the account is new' })
  @IsOptional()
  @MaxLength(1024)
  @MinLength(12)
  @IsString()
  password?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "The member's department in this organization",
  })
  @IsOptional()
  @IsUuidRef()
  department_id?: string | null;
}

export class UpdateMemberRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  full_name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '`null` takes the member out of any department',
  })
  @IsOptional()
  @IsUuidRef()
  department_id?: string | null;
}

export class MemberListQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUuidRef()
  department_id?: string;
}

export class MemberResponse implements MemberView {
  @ApiProperty({ format: 'uuid', description: 'The user id' }) id!: string;
  @ApiProperty({ maxLength: 254 }) email!: string;
  @ApiProperty({ maxLength: 200 }) full_name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) department_id!: string | null;
  @ApiProperty({ format: 'date-time' }) joined_at!: string;
  @ApiProperty() is_active!: boolean;
}
