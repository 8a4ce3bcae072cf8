import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOkEnvelope, Can, ListQuery, Paginated, toPageRequest } from '@erp/platform';
import { PERMISSION_SORT, PermissionQueries } from '../infrastructure/permission.queries';
import { PermissionResponse } from './permission.dto';

@ApiTags('permissions')
@Controller('api/v1/permissions')
export class PermissionsController {
  constructor(private readonly queries: PermissionQueries) {}

  @Get()
  @Can('read', 'Permission')
  @ApiOperation({
    summary:
      'The permission catalogue: every `resource:action` a role may hold (`q` on code and description)',
  })
  @ApiOkEnvelope(PermissionResponse, { list: true })
  list(@Query() query: ListQuery) {
    const page = this.queries.list(toPageRequest(query, PERMISSION_SORT, 'code'), query.q);
    return new Paginated(page.items, page.total, page.page, page.size);
  }
}
