import { newId } from '@erp/kernel';

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

  static create(organizationId: string, input: { name: string; code: string; parentId?: string | null }): Department {
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
}
