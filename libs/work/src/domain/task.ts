import { newId } from '@erp/kernel';
import { CalendarDate, isCalendarDate } from './calendar-date';
import { BlankField, InvalidValue } from './work.errors';

export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export interface NewTask {
  title: string;
  description?: string | null;
  projectId?: string | null;
  assigneeId?: string | null;
  departmentId?: string | null;
  status?: TaskStatus;
  priority?: TaskPriority;
  dueDate?: CalendarDate | null;
}

/** Partial change: `undefined` leaves a field as it is, `null` clears an optional one. */
export type TaskChanges = Partial<NewTask>;

/** A piece of work, optionally in a project, assigned to a member and owned by a department. */
export class Task {
  static readonly modelName = 'Task';
  id!: string;
  organizationId!: string;
  projectId!: string | null;
  title!: string;
  description!: string | null;
  assigneeId!: string | null;
  departmentId!: string | null;
  status!: TaskStatus;
  priority!: TaskPriority;
  dueDate!: CalendarDate | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  /** A new task is `todo` with `medium` priority unless told otherwise. */
  static create(organizationId: string, input: NewTask, createdBy: string): Task {
    const t = new Task();
    t.id = newId();
    t.organizationId = organizationId;
    t.createdBy = createdBy;
    t.description = null;
    t.projectId = null;
    t.assigneeId = null;
    t.departmentId = null;
    t.dueDate = null;
    t.status = 'todo';
    t.priority = 'medium';
    t.change(input);
    return t;
  }

  /** Applies a partial change; the title must not be blank. */
  change(changes: TaskChanges): void {
    if (changes.title !== undefined) {
      const title = changes.title.trim();
      if (title === '') throw new BlankField('title');
      this.title = title;
    }
    if (changes.description !== undefined) this.description = changes.description || null;
    if (changes.projectId !== undefined) this.projectId = changes.projectId;
    if (changes.assigneeId !== undefined) this.assigneeId = changes.assigneeId;
    if (changes.departmentId !== undefined) this.departmentId = changes.departmentId;
    if (changes.status !== undefined) this.changeStatus(changes.status);
    if (changes.priority !== undefined) this.prioritize(changes.priority);
    if (changes.dueDate !== undefined) this.reschedule(changes.dueDate);
  }

  /** Only the statuses of the contract: todo, in_progress, review, done, cancelled. */
  changeStatus(status: TaskStatus): void {
    if (!TASK_STATUSES.includes(status)) throw new InvalidValue('status', status);
    this.status = status;
  }

  /** Only the priorities of the contract: low, medium, high, urgent. */
  prioritize(priority: TaskPriority): void {
    if (!TASK_PRIORITIES.includes(priority)) throw new InvalidValue('priority', priority);
    this.priority = priority;
  }

  /** The due date is a calendar day, or none. */
  reschedule(dueDate: CalendarDate | null): void {
    if (dueDate !== null && !isCalendarDate(dueDate)) throw new InvalidValue('due_date', dueDate);
    this.dueDate = dueDate;
  }
}
