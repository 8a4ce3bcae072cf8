import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../authorization/decorators';
import { ERROR_REGISTRY } from './error-registry';

/** The error registry, so clients can map codes to messages (contract §3). */
@ApiTags('meta')
@Public()
@Controller('api/v1/meta')
export class MetaController {
  @Get('errors')
  @ApiOperation({ summary: 'Every error code with its HTTP status and en/ja messages' })
  errors() {
    return Object.entries(ERROR_REGISTRY).map(([code, def]) => ({
      code,
      status: def.status,
      title: def.title,
      messages: { en: def.en, ja: def.ja },
    }));
  }
}
