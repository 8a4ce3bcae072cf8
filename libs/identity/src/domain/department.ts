import { InvalidState, newId } from '@erp/kernel';

/** What still refers to a department; any of it blocks deletion. */
export interface DepartmentUsage {
  subDepartments: number;
  members: number;
  grants: number;
  projects: number;
  tasks: number;
}

/** A unit of an organization; departments form a tree through `parentId`. */
export class Department {
  static readonly modelName = 'Department';
  id!: string;
  organizationId!: string;
  parentId!: string | null;
  name!: string;
  code!: string;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(
    organizationId: string,
    input: { name: string; code: string; parentId?: string | null },
  ): Department {
    const d = new Department();
    d.id = newId();
    d.organizationId = organizationId;
    d.name = input.name.trim();
    d.code = input.code.trim();
    d.parentId = input.parentId ?? null;
    return d;
  }

  /** For department-narrowed grants, a department is "in" itself. */
  get departmentId(): string {
    return this.id;
  }

  rename(changes: { name?: string; code?: string }): void {
    if (changes.name !== undefined) this.name = changes.name.trim();
    if (changes.code !== undefined) this.code = changes.code.trim();
  }

  /**
   * Moves the department under `parentId` (`null`: to the top). `parentAncestry` is the new
   * parent followed by its ancestors up to the root: a department can never end up under itself
   * or one of its own sub-departments.
   */
  moveUnder(parentId: string | null, parentAncestry: readonly string[]): void {
    if (parentId !== null && (parentId === this.id || parentAncestry.includes(this.id))) {
      throw new InvalidState(
        Department.modelName,
        'a department cannot be moved under itself or one of its sub-departments',
      );
    }
    this.parentId = parentId;
  }

  /** A department can be deleted only when nothing refers to it any more (no sub-departments, members, grants or work). */
  assertRemovable(usage: DepartmentUsage): void {
    if (usage.subDepartments > 0) throw new InvalidState(Department.modelName, 'it has sub-departments');
    const inUse = usage.members + usage.grants + usage.projects + usage.tasks;
    if (inUse > 0)
      throw new InvalidState(
        Department.modelName,
        'it is still used by members, role grants, projects or tasks',
      );
  }
}
