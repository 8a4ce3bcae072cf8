import { Injectable } from '@nestjs/common';
import { InvalidField, ResourceAlreadyExists } from '@erp/kernel';
import { Actor } from '@erp/platform';
import { Department } from '../domain/department';
import { DepartmentRepository } from '../domain/ports';

export interface CreateDepartmentInput {
  name: string;
  code: string;
  parentId?: string | null;
}

/** Creates a department, at the top or under a parent of the same organization. */
@Injectable()
export class CreateDepartmentUseCase {
  constructor(private readonly departments: DepartmentRepository) {}

  async execute(input: CreateDepartmentInput, actor: Actor): Promise<Department> {
    const organizationId = actor.requireOrganization();
    const parentId = input.parentId ?? null;
    // A department-narrowed grant may create departments only under departments it covers.
    actor.assertCan('create', Department.modelName, { departmentId: parentId });
    if (parentId && !(await this.departments.findById(organizationId, parentId))) {
      throw new InvalidField('parent_id', 'No such department in this organization', parentId);
    }
    if (await this.departments.codeTaken(organizationId, input.code))
      throw new ResourceAlreadyExists(Department.modelName, 'code');
    const department = Department.create(organizationId, { ...input, parentId });
    await this.departments.save(department);
    return department;
  }
}
