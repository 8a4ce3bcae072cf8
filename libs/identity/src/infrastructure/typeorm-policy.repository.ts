import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { Policy, PolicyRepository } from '../domain/policy';
import { PolicySchema } from './policy.schema';
import { locked } from './typeorm-identity.repositories';

/** Policies in the request transaction (row-level security applies). */
@Injectable()
export class TypeOrmPolicyRepository extends PolicyRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  private get repo() {
    return this.tx.manager.getRepository(PolicySchema);
  }

  findById(organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
    return this.repo.findOne({ where: { organizationId, id }, ...locked(options) });
  }

  async nameTaken(organizationId: string, name: string, exceptId?: string) {
    const rows: { taken: boolean }[] = await this.tx.manager.query(
      `select exists (select 1 from policies where organization_id = $1 and name = $2 and id is distinct from $3) as taken`,
      [organizationId, name.trim(), exceptId ?? null],
    );
    return rows[0].taken;
  }

  async save(policy: Policy) {
    await this.repo.save(policy);
  }

  async remove(policy: Policy) {
    await this.repo.delete({ organizationId: policy.organizationId, id: policy.id });
  }
}
