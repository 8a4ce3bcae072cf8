import { Injectable } from '@nestjs/common';
import { newId } from '@erp/kernel';
import { RequestTransaction } from '@erp/platform';
import { SsoGrantRepository, UserIdentityRepository } from '../domain/ports';
import { UserIdentity } from '../domain/user-identity';
import { UserIdentitySchema } from './identity.schemas';

/** Advisory lock namespace of SSO identities (the second key is a hash of issuer and subject). */
const SSO_LOCK_NAMESPACE = 727_002;

@Injectable()
export class TypeOrmUserIdentityRepository extends UserIdentityRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }
  private get repo() {
    return this.tx.manager.getRepository(UserIdentitySchema);
  }
  find(issuer: string, subject: string) {
    return this.repo.findOneBy({ issuer, subject });
  }
  async save(identity: UserIdentity) {
    await this.repo.save(identity);
  }
  async lock(issuer: string, subject: string) {
    await this.tx.manager.query(`select pg_advisory_xact_lock($1, hashtext($2))`, [
      SSO_LOCK_NAMESPACE,
      `${issuer}\n${subject}`,
    ]);
  }
}

/** Plain SQL: the `source` column is the SSO mapping's business only, so the RoleGrant mapping leaves it out. */
@Injectable()
export class SqlSsoGrantRepository extends SsoGrantRepository {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async organizationIds(codes: string[]) {
    if (codes.length === 0) return new Map<string, string>();
    const rows: { id: string; code: string }[] = await this.tx.manager.query(
      `select id, lower(code) as code from organizations where lower(code) = any($1::text[])`,
      [codes.map((c) => c.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  async organizationsWithGrants(userId: string) {
    const rows: { organization_id: string }[] = await this.tx.manager.query(
      `select distinct organization_id from role_grants where user_id = $1 and source = 'sso'`,
      [userId],
    );
    return rows.map((r) => r.organization_id);
  }

  async roleIds(organizationId: string, userId: string) {
    const rows: { role_id: string }[] = await this.tx.manager.query(
      `select role_id from role_grants
       where organization_id = $1 and user_id = $2 and source = 'sso' and department_id is null`,
      [organizationId, userId],
    );
    return rows.map((r) => r.role_id);
  }

  async add(organizationId: string, userId: string, roleIds: string[]) {
    if (roleIds.length === 0) return;
    await this.tx.manager.query(
      `insert into role_grants (id, organization_id, user_id, role_id, department_id, granted_by, source)
       select g.id, $1, $2, g.role_id, null, null, 'sso'
       from unnest($3::uuid[], $4::uuid[]) as g(id, role_id)
       on conflict do nothing`,
      [organizationId, userId, roleIds.map(() => newId()), roleIds],
    );
  }

  async remove(organizationId: string, userId: string, roleIds: string[]) {
    if (roleIds.length === 0) return;
    await this.tx.manager.query(
      `delete from role_grants
       where organization_id = $1 and user_id = $2 and source = 'sso' and role_id = any($3::uuid[])`,
      [organizationId, userId, roleIds],
    );
  }
}
