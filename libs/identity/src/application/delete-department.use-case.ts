import { Injectable } from '@nestjs/common';
import { ResourceNotFound } from '@erp/kernel';
import { Actor, AuditContext } from '@erp/platform';
import { Department } from '../domain/department';
import { DepartmentRepository } from '../domain/ports';
import { assertRecordAccess } from './access';

/** Deletes a department nothing refers to any more (checked first; the foreign keys also protect it). */
@Injectable()
export class DeleteDepartmentUseCase {
  constructor(
    private readonly departments: DepartmentRepository,
    private readonly audit: AuditContext,
  ) {}

  async execute(id: string, actor: Actor): Promise<void> {
    const organizationId = actor.requireOrganization();
    const department = await this.departments.findById(organizationId, id, { forUpdate: true });
    if (!department) throw new ResourceNotFound(Department.modelName);
    assertRecordAccess(actor, 'delete', Department.modelName, { departmentId: department.id });
    department.assertRemovable(await this.departments.usage(organizationId, department.id));
    await this.departments.remove(department);
    this.audit.changed(Department.modelName, id, department, null);
  }
}
