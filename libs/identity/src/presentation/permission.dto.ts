import { ApiProperty } from '@nestjs/swagger';
import type { PermissionView } from '../infrastructure/permission.queries';

export class PermissionResponse implements PermissionView {
  @ApiProperty({ example: 'task:read', maxLength: 100 }) code!: string;
  @ApiProperty({ example: 'task', maxLength: 100 }) resource!: string;
  @ApiProperty({ example: 'read', maxLength: 100 }) action!: string;
  @ApiProperty({ example: 'View tasks', maxLength: 500 }) description!: string;
}
