import { Injectable } from '@nestjs/common';
import { AuditDataQueries } from '@erp/audit';
import { UserDataQueries } from '@erp/identity';
import { Clock, ResourceNotFound } from '@erp/kernel';
import { AuditContext, RequestTransaction } from '@erp/platform';
import { WorkDataQueries } from '@erp/work';
import type { UserDataExport } from './user-data-export';

/**
 * Everything held about a user, across organizations. Each organization the user has a footprint
 * in is read with the transaction switched to it, so row-level security applies as to any request
 * (never the owner connection); the platform-level rows are read outside every organization. The
 * export itself is recorded as `privacy.export` in the platform trail: exports of personal data
 * must be traceable, although reading changes nothing.
 */
@Injectable()
export class ExportUserDataUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly identity: UserDataQueries,
    private readonly work: WorkDataQueries,
    private readonly auditData: AuditDataQueries,
    private readonly audit: AuditContext,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string): Promise<UserDataExport> {
    const account = await this.identity.account(userId);
    if (!account) throw new ResourceNotFound('User', userId);
    const home = this.transaction.scope?.organizationId ?? null;
    const held: UserDataExport = {
      user_id: userId,
      exported_at: this.clock.now().toISOString(),
      account,
      memberships: [],
      role_grants: [],
      sso_links: await this.identity.ssoLinks(userId),
      api_keys: [],
      sessions: await this.identity.sessions(userId),
      idempotency_records: { count: await this.identity.idempotencyRecordCount(userId) },
      tasks: [],
      projects: [],
      audit_trail: await this.auditData.aboutUser(null, userId),
    };
    const organizations = await this.identity.organizationsOf(userId);
    for (const organizationId of organizations) {
      await this.transaction.switchOrganization(organizationId);
      const identity = await this.identity.inOrganization(organizationId, userId);
      const work = await this.work.ofUser(organizationId, userId);
      if (identity.membership) held.memberships.push(identity.membership);
      held.role_grants.push(...identity.role_grants);
      held.api_keys.push(...identity.api_keys);
      held.tasks.push(...work.tasks);
      held.projects.push(...work.projects);
      held.audit_trail.push(...(await this.auditData.aboutUser(organizationId, userId)));
    }
    await this.transaction.switchOrganization(home);
    await this.audit.record({
      action: 'privacy.export',
      outcome: 'success',
      organizationId: null,
      target: { type: 'User', id: userId },
      details: { organizations: organizations.length, audit_rows: held.audit_trail.length },
    });
    return held;
  }
}
