import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceAlreadyExists, ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext, RequestTransaction } from '@erp/platform';
import { Department } from '../domain/department';
import { DepartmentRepository } from '../domain/ports';
import { assertRecordAccess } from './access';

export interface UpdateDepartmentInput {
  name?: string;
  code?: string;
  /** `null` moves the department to the top of the tree. */
  parentId?: string | null;
}

/** Renames a department or moves it to another parent, never under itself or its own sub-departments. */
@Injectable()
export class UpdateDepartmentUseCase {
  constructor(
    private readonly departments: DepartmentRepository,
    private readonly transaction: RequestTransaction,
    private readonly audit: AuditContext,
  ) {}

  async execute(
    id: string,
    changes: UpdateDepartmentInput,
    actor: Actor,
    precondition?: (version: number) => void,
  ): Promise<Department> {
    const organizationId = actor.requireOrganization();
    // Two concurrent moves could each pass the cycle check and close a loop together.
    if (changes.parentId !== undefined) await this.transaction.lock(`department-tree:${organizationId}`);
    const department = await this.departments.findById(organizationId, id, { forUpdate: true });
    if (!department) throw new ResourceNotFound(Department.modelName);
    assertRecordAccess(actor, 'update', Department.modelName, { departmentId: department.id });
    precondition?.(department.version);
    const before = { ...department };

    if (changes.code !== undefined && changes.code.trim() !== department.code) {
      if (await this.departments.codeTaken(organizationId, changes.code, department.id)) {
        throw new ResourceAlreadyExists(Department.modelName, 'code');
      }
    }
    if (changes.parentId !== undefined && changes.parentId !== department.parentId) {
      actor.assertCan('update', Department.modelName, { departmentId: changes.parentId });
      const ancestry = changes.parentId
        ? await this.departments.ancestry(organizationId, changes.parentId)
        : [];
      if (changes.parentId && ancestry.length === 0) {
        throw new InvalidField('parent_id', 'No such department in this organization', changes.parentId);
      }
      department.moveUnder(changes.parentId, ancestry);
    }
    department.rename(changes);
    await this.departments.save(department);
    this.audit.changed(Department.modelName, department.id, before, department);
    return department;
  }
}
