import { newId } from '@erp/kernel';

/** A user's place in an organization, optionally in a department. Ending it keeps the history. */
export class Membership {
  static readonly modelName = 'Membership';
  id!: string;
  organizationId!: string;
  userId!: string;
  departmentId!: string | null;
  isActive!: boolean;
  joinedAt!: Date;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(organizationId: string, userId: string, departmentId: string | null, now: Date): Membership {
    const m = new Membership();
    m.id = newId();
    m.organizationId = organizationId;
    m.userId = userId;
    m.departmentId = departmentId;
    m.isActive = true;
    m.joinedAt = now;
    return m;
  }

  /** Re-admits a former member (their history stays attached to the same membership). */
  rejoin(departmentId: string | null, now: Date): void {
    this.isActive = true;
    this.departmentId = departmentId;
    this.joinedAt = now;
  }

  moveToDepartment(departmentId: string | null): void {
    this.departmentId = departmentId;
  }

  /** Ends the membership; the row stays so history (tasks, audit) keeps its link, but it leaves its department. */
  end(): void {
    this.isActive = false;
    this.departmentId = null;
  }
}
