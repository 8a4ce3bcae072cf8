import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../authorization/decorators';
import { PlatformError } from '../http/error-mapping';

/** Liveness and readiness for orchestrators; no authentication. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The database answers (503 SYS001 when it does not)' })
  async ready() {
    try {
      await this.dataSource.query('select 1');
    } catch {
      throw new PlatformError('SYS001', {}, { 'Retry-After': '5' });
    }
    return { status: 'ok', checks: { database: 'up' } };
  }
}
