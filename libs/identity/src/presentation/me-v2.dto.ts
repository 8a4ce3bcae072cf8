import { ApiProperty } from '@nestjs/swagger';
import { ApiPermissionList } from './auth.dto';

export class OrganizationRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
}

export class MembershipV2Response {
  @ApiProperty({ type: OrganizationRefResponse }) organization!: OrganizationRefResponse;
  @ApiPermissionList() permissions!: string[];
}

export class AuthenticationV2Response {
  @ApiProperty({
    enum: ['password', 'sso', 'api_key'],
    description: "How this request was authenticated: the API's own token, a Keycloak token or an API key",
  })
  method!: 'password' | 'sso' | 'api_key';
  @ApiProperty({ required: false, maxLength: 500, description: 'For SSO: the realm that issued the token' })
  issuer?: string;
}

/** The v2 profile: names aligned with the rest of v2, memberships nested, and how the caller signed in. */
export class MeV2Response {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 254 }) email!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty() platform_admin!: boolean;
  @ApiProperty({ type: AuthenticationV2Response }) authentication!: AuthenticationV2Response;
  @ApiProperty({ type: [MembershipV2Response], maxItems: 1000 }) memberships!: MembershipV2Response[];
}
