import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { Department, DepartmentUsage } from '../domain/department';
import { DepartmentRepository, FindOptions } from '../domain/ports';
import { DepartmentSchema } from './identity.schemas';
import { locked } from './typeorm-identity.repositories';

/** Departments in the request transaction (row-level security applies). */
@Injectable()
export class TypeOrmDepartmentRepository extends DepartmentRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  private get repo() {
    return this.tx.manager.getRepository(DepartmentSchema);
  }

  findById(organizationId: string, id: string, options: FindOptions = {}) {
    return this.repo.findOne({ where: { organizationId, id }, ...locked(options) });
  }

  async codeTaken(organizationId: string, code: string, exceptId?: string) {
    const rows: { taken: boolean }[] = await this.tx.manager.query(
      `select exists (select 1 from departments where organization_id = $1 and code = $2 and id is distinct from $3) as taken`,
      [organizationId, code.trim(), exceptId ?? null],
    );
    return rows[0].taken;
  }

  async ancestry(organizationId: string, id: string) {
    const rows: { id: string }[] = await this.tx.manager.query(
      `with recursive up(id, parent_id, path) as (
         select id, parent_id, array[id] from departments where organization_id = $1 and id = $2
         union all
         select d.id, d.parent_id, up.path || d.id from departments d join up on d.id = up.parent_id
         where d.organization_id = $1 and not d.id = any(up.path)
       ) select id from up order by cardinality(path)`,
      [organizationId, id],
    );
    return rows.map((r) => r.id);
  }

  /** Counts what refers to the department, including work records (the foreign keys protect them too). */
  async usage(organizationId: string, id: string): Promise<DepartmentUsage> {
    const rows: DepartmentUsage[] = await this.tx.manager.query(
      `select (select count(*) from departments where organization_id = $1 and parent_id = $2)::int as "subDepartments",
              (select count(*) from memberships where organization_id = $1 and department_id = $2)::int as "members",
              (select count(*) from role_grants where organization_id = $1 and department_id = $2)::int as "grants",
              (select count(*) from projects where organization_id = $1 and department_id = $2)::int as "projects",
              (select count(*) from tasks where organization_id = $1 and department_id = $2)::int as "tasks"`,
      [organizationId, id],
    );
    return rows[0];
  }

  async save(department: Department) {
    await this.repo.save(department);
  }

  async remove(department: Department) {
    await this.repo.delete({ organizationId: department.organizationId, id: department.id });
  }
}
