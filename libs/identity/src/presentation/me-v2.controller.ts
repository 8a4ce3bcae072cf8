import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiOkEnvelope, Can, CurrentActor, CurrentPrincipal, Principal } from '@erp/platform';
import { GetMeUseCase } from '../application/get-me.use-case';
import { MeV2Response } from './me-v2.dto';

/** Version 2 of the caller's profile (contract §9): the successor of `GET /api/v1/auth/me`. */
@ApiTags('auth')
@Controller('api/v2/auth')
export class MeV2Controller {
  constructor(private readonly getMe: GetMeUseCase) {}

  @Get('me')
  @Can('read', 'Profile')
  @ApiOperation({ summary: 'The caller, how it signed in, and its memberships with effective permissions' })
  @ApiOkEnvelope(MeV2Response)
  async me(@CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<MeV2Response> {
    const { user, organizations } = await this.getMe.execute(actor);
    return {
      id: user.id,
      email: user.email,
      name: user.fullName,
      platform_admin: user.isPlatformAdmin,
      authentication: {
        method: principal.via,
        ...(principal.subject ? { issuer: principal.subject.issuer } : {}),
      },
      memberships: organizations.map(({ permissions, ...organization }) => ({ organization, permissions })),
    };
  }
}
