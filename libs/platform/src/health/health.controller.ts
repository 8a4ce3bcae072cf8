import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { OidcTokenVerifier } from '../auth/oidc/oidc-token-verifier';
import { Public } from '../authorization/decorators';
import { PlatformError } from '../http/error-mapping';
import { Lifecycle } from '../observability/lifecycle';
import { RedisConnection } from '../redis/redis-connection';
import { NotRateLimited } from '../throttling/not-rate-limited';

/**
 * Liveness and readiness for orchestrators; no authentication, and no rate limit: balancers probe
 * every second or so from one address, which would otherwise exhaust the anonymous tier and take
 * every instance out of rotation.
 */
@ApiTags('operations')
@Public()
@NotRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sso: OidcTokenVerifier,
    private readonly redis: RedisConnection,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'The database answers (503 SYS001 when it does not); Redis or SSO realms that cannot be reached only make it degraded',
  })
  async ready() {
    if (this.lifecycle.shuttingDown) throw new PlatformError('SYS004', {}, { 'Retry-After': '1' });
    try {
      await this.dataSource.query('select 1');
    } catch {
      throw new PlatformError('SYS001', {}, { 'Retry-After': '5' });
    }
    // Redis away: answers come from the database and general rate limits open, so only degraded.
    const cache = this.redis.status;
    if (!this.sso.configured)
      return { status: cache === 'down' ? 'degraded' : 'ok', checks: { database: 'up', cache } };
    // A realm that is down does not make the API unready: own tokens work, and SSO tokens keep
    // verifying with the keys already fetched.
    await this.sso.refresh();
    const realms = this.sso.status();
    return {
      status: realms.every((r) => r.status === 'up') && cache !== 'down' ? 'ok' : 'degraded',
      checks: { database: 'up', cache, identity_providers: realms },
    };
  }
}
