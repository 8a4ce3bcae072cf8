import { Injectable } from '@nestjs/common';
import { PseudonymizeAuditUserUseCase } from '@erp/audit';
import { EraseUserAccountUseCase } from '@erp/identity';
import { Actor, AuditContext } from '@erp/platform';

export interface ErasureResult {
  user_id: string;
  erased_at: string;
  organizations: number;
  audit_rows_pseudonymized: number;
}

/**
 * Erasure (data rights), in one transaction: the identity context anonymizes the account and
 * removes what hangs on it, then the audit context erases the user's personal values from every
 * chain (digests stay, so every chain still verifies). Tasks and projects stay, pointing at the
 * anonymous id. The request's own audit row (`privacy.erase`) names the user by id only.
 */
@Injectable()
export class EraseUserUseCase {
  constructor(
    private readonly accounts: EraseUserAccountUseCase,
    private readonly pseudonymize: PseudonymizeAuditUserUseCase,
    private readonly audit: AuditContext,
  ) {}

  async execute(userId: string, actor: Actor): Promise<ErasureResult> {
    this.audit.target('User', userId);
    const erased = await this.accounts.execute(userId, actor);
    const rows = await this.pseudonymize.execute(userId, erased.previousEmail);
    return {
      user_id: userId,
      erased_at: erased.erasedAt.toISOString(),
      organizations: erased.organizations,
      audit_rows_pseudonymized: rows,
    };
  }
}
