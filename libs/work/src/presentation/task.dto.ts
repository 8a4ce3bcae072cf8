import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQuery } from '@erp/platform';
import {
  NewTask,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TaskChanges,
  TaskPriority,
  TaskStatus,
} from '../domain/task';
import type { TaskView } from '../infrastructure/task.queries';
import { IsCalendarDate, Nullable, Optional } from './validation';

export class CreateTaskRequest {
  @ApiProperty({ maxLength: 200, example: 'Calibrate line 3 torque wrenches' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @IsDefined()
  title!: string;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true, type: String })
  @Nullable()
  @MaxLength(10000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A project of this organization',
  })
  @Nullable()
  @IsUUID()
  project_id?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'An active member of this organization',
  })
  @Nullable()
  @IsUUID()
  assignee_id?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A department of this organization',
  })
  @Nullable()
  @IsUUID()
  department_id?: string | null;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'todo' })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'medium' })
  @Optional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, example: '2026-03-31' })
  @Nullable()
  @IsCalendarDate()
  due_date?: string | null;
}

/** Every field optional; `null` clears an optional one. Unknown properties are refused (422). */
export class UpdateTaskRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  title?: string;

  @ApiPropertyOptional({ maxLength: 10000, nullable: true, type: String })
  @Nullable()
  @MaxLength(10000)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @Nullable()
  @IsUUID()
  project_id?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @Nullable()
  @IsUUID()
  assignee_id?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @Nullable()
  @IsUUID()
  department_id?: string | null;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @Optional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @Nullable()
  @IsCalendarDate()
  due_date?: string | null;
}

export class TaskListQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  project_id?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assignee_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  department_id?: string;
}

export class TaskResponse implements TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) project_id!: string | null;
  @ApiProperty({ maxLength: 200 }) title!: string;
  @ApiProperty({ maxLength: 10000, nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assignee_id!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) department_id!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ enum: TASK_PRIORITIES }) priority!: TaskPriority;
  @ApiProperty({ format: 'date', nullable: true, type: String }) due_date!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Changes on every update; the ETag carries it' }) version!: number;
}

const changesOf = (body: UpdateTaskRequest): TaskChanges => ({
  title: body.title,
  description: body.description,
  projectId: body.project_id,
  assigneeId: body.assignee_id,
  departmentId: body.department_id,
  status: body.status,
  priority: body.priority,
  dueDate: body.due_date,
});

export const toNewTask = (body: CreateTaskRequest): NewTask => ({ ...changesOf(body), title: body.title });
export const toTaskChanges = changesOf;
