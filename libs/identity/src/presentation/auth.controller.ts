import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApiNoContent,
  ApiOkEnvelope,
  AuditAction,
  Can,
  CurrentActor,
  DeprecatedVersion,
  Public,
} from '@erp/platform';
import { GetMeUseCase } from '../application/get-me.use-case';
import { LogoutUseCase } from '../application/logout.use-case';
import { ObtainTokenUseCase } from '../application/obtain-token.use-case';
import { RefreshTokenUseCase } from '../application/refresh-token.use-case';
import { MeResponse, ObtainTokenRequest, RefreshTokenRequest, TokenPairResponse } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly obtainToken: ObtainTokenUseCase,
    private readonly refreshToken: RefreshTokenUseCase,
    private readonly logoutUseCase: LogoutUseCase,
    private readonly getMe: GetMeUseCase,
  ) {}

  @Post('token/obtain')
  @Public()
  @AuditAction('auth.login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password (AUTH001 on any failure, lockout after repeated failures)',
  })
  @ApiOkEnvelope(TokenPairResponse)
  obtain(@Body() body: ObtainTokenRequest) {
    return this.obtainToken.execute(body.username, body.password);
  }

  @Post('token/refresh')
  @Public()
  @AuditAction('auth.refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token (a reused token revokes its whole family)' })
  @ApiOkEnvelope(TokenPairResponse)
  refresh(@Body() body: RefreshTokenRequest) {
    return this.refreshToken.execute(body.refresh_token);
  }

  @Post('logout')
  @Public()
  @AuditAction('auth.logout')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the refresh token's family" })
  @ApiNoContent()
  async logout(@Body() body: RefreshTokenRequest): Promise<void> {
    await this.logoutUseCase.execute(body.refresh_token);
  }

  @Get('me')
  @Can('read', 'Profile')
  @ApiOperation({
    summary: 'The caller, its organizations and its effective permissions in each',
    description: 'Deprecated: use GET /api/v2/auth/me (sunset 2027-06-30).',
    deprecated: true,
  })
  @DeprecatedVersion({ successor: '/api/v2/auth/me', since: '2026-12-01', sunset: '2027-06-30' })
  @ApiOkEnvelope(MeResponse)
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const { user, organizations } = await this.getMe.execute(actor);
    return {
      id: user.id,
      email: user.email,
      full_name: user.fullName,
      is_platform_admin: user.isPlatformAdmin,
      organizations,
    };
  }
}
