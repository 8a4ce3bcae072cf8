import { newId } from '@erp/kernel';
import { CalendarDate, isCalendarDate } from './calendar-date';
import { BlankField, InvalidValue, ProjectEndsBeforeStart, ProjectHasTasks } from './work.errors';

export const PROJECT_STATUSES = ['planned', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface NewProject {
  name: string;
  code: string;
  description?: string | null;
  departmentId?: string | null;
  startsOn?: CalendarDate | null;
  endsOn?: CalendarDate | null;
  status?: ProjectStatus;
  /** A sensitive field: reading and writing it need their own permissions (project:read_budget, :update_budget). */
  budgetAmount?: number | null;
}

/** Partial change: `undefined` leaves a field as it is, `null` clears an optional one. */
export type ProjectChanges = Partial<NewProject>;

/** A body of work in one organization, optionally owned by a department; tasks may belong to it. */
export class Project {
  static readonly modelName = 'Project';
  id!: string;
  organizationId!: string;
  code!: string;
  name!: string;
  description!: string | null;
  departmentId!: string | null;
  status!: ProjectStatus;
  startsOn!: CalendarDate | null;
  endsOn!: CalendarDate | null;
  budgetAmount!: number | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  /** A new project starts `planned` unless told otherwise, and must respect every rule of `change`. */
  static create(organizationId: string, input: NewProject, createdBy: string): Project {
    const p = new Project();
    p.id = newId();
    p.organizationId = organizationId;
    p.createdBy = createdBy;
    p.description = null;
    p.departmentId = null;
    p.startsOn = null;
    p.endsOn = null;
    p.budgetAmount = null;
    p.status = 'planned';
    p.change(input);
    return p;
  }

  /** Applies a partial change; name and code must not be blank, the status must be a known one. */
  change(changes: ProjectChanges): void {
    if (changes.name !== undefined) this.name = required('name', changes.name);
    if (changes.code !== undefined) this.code = required('code', changes.code);
    if (changes.description !== undefined) this.description = changes.description || null;
    if (changes.departmentId !== undefined) this.departmentId = changes.departmentId;
    if (changes.status !== undefined) this.changeStatus(changes.status);
    if (changes.budgetAmount !== undefined) this.budget(changes.budgetAmount);
    if (changes.startsOn !== undefined || changes.endsOn !== undefined)
      this.reschedule(
        changes.startsOn === undefined ? this.startsOn : changes.startsOn,
        changes.endsOn === undefined ? this.endsOn : changes.endsOn,
      );
  }

  /** Only the statuses of the contract: planned, active, on_hold, completed, cancelled. */
  changeStatus(status: ProjectStatus): void {
    if (!PROJECT_STATUSES.includes(status)) throw new InvalidValue('status', status);
    this.status = status;
  }

  /** A budget is a non-negative amount below 10^12 with at most two decimals, or none. */
  budget(amount: number | null): void {
    const valid =
      amount === null ||
      (Number.isFinite(amount) &&
        amount >= 0 &&
        amount < 1e12 &&
        Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6);
    if (!valid) throw new InvalidValue('budget_amount', amount);
    this.budgetAmount = amount;
  }

  /** Start and end are calendar days, either may be open; a project never ends before it starts. */
  reschedule(startsOn: CalendarDate | null, endsOn: CalendarDate | null): void {
    if (startsOn !== null && !isCalendarDate(startsOn)) throw new InvalidValue('starts_on', startsOn);
    if (endsOn !== null && !isCalendarDate(endsOn)) throw new InvalidValue('ends_on', endsOn);
    if (startsOn !== null && endsOn !== null && endsOn < startsOn) throw new ProjectEndsBeforeStart(endsOn);
    this.startsOn = startsOn;
    this.endsOn = endsOn;
  }

  /** A project can be deleted only once no task belongs to it any more. */
  assertRemovable(taskCount: number): void {
    if (taskCount > 0) throw new ProjectHasTasks(taskCount);
  }
}

function required(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BlankField(field);
  return trimmed;
}
