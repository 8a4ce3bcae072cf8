import { ApiProperty } from '@nestjs/swagger';
import type { PermissionView } from '../infrastructure/permission.queries';

export class PermissionResponse implements PermissionView {
  @ApiProperty({ example: 'task:read' }) code!: string;
  @ApiProperty({ example: 'task' }) resource!: string;
  @ApiProperty({ example: 'read' }) action!: string;
  @ApiProperty({ example: 'View tasks' }) description!: string;
}
