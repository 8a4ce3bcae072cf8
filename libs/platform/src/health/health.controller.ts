import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { OidcTokenVerifier } from '../auth/oidc/oidc-token-verifier';
import { Public } from '../authorization/decorators';
import { PlatformError } from '../http/error-mapping';

/** Liveness and readiness for orchestrators; no authentication. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sso: OidcTokenVerifier,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'The database answers (503 SYS001 when it does not); SSO realms that cannot be reached only make it degraded',
  })
  async ready() {
    try {
      await this.dataSource.query('select 1');
    } catch {
      throw new PlatformError('SYS001', {}, { 'Retry-After': '5' });
    }
    if (!this.sso.configured) return { status: 'ok', checks: { database: 'up' } };
    // A realm that is down does not make the API unready: own tokens work, and SSO tokens keep
    // verifying with the keys already fetched.
    await this.sso.refresh();
    const realms = this.sso.status();
    return {
      status: realms.every((r) => r.status === 'up') ? 'ok' : 'degraded',
      checks: { database: 'up', identity_providers: realms },
    };
  }
}
