import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ObtainTokenRequest {
  @ApiProperty({ description: 'Email address of the account', example: 'admin@example.com', maxLength: 254 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  username!: string;

  @ApiProperty({ example: 'change-me-please', maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class RefreshTokenRequest {
  @ApiProperty({ description: 'The opaque refresh token from obtain or a previous refresh', maxLength: 512 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  refresh_token!: string;
}

export class TokenPairResponse {
  @ApiProperty({ maxLength: 4096 }) access_token!: string;
  @ApiProperty({ maxLength: 512 }) refresh_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expires_in!: number;
}

/** Documents a list of effective `resource:action` permissions. */
export const ApiPermissionList = () =>
  ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 1000,
    example: ['task:read', 'task:create'],
  });

export class MyOrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
  @ApiPermissionList() permissions!: string[];
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 254 }) email!: string;
  @ApiProperty({ maxLength: 200 }) full_name!: string;
  @ApiProperty() is_platform_admin!: boolean;
  @ApiProperty({ type: [MyOrganizationResponse], maxItems: 1000 }) organizations!: MyOrganizationResponse[];
}
