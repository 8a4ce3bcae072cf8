import { Injectable } from '@nestjs/common';
import { AuditMaintenance } from '../domain/ports';

/**
 * For erasure (data rights): removes a user's personal values from the whole audit trail (IP, user
 * agent, SSO subject and names on the rows they acted in, the recorded changes of their own
 * account, failed sign-ins under their email) and keeps the digests, so every chain still
 * verifies. Rows keep the user's id, a pseudonym once the account itself is anonymized. Runs in
 * the caller's open transaction, which must be a platform administrator's.
 */
@Injectable()
export class PseudonymizeAuditUserUseCase {
  constructor(private readonly maintenance: AuditMaintenance) {}

  /** The number of rows changed. */
  execute(userId: string, email: string | null): Promise<number> {
    return this.maintenance.pseudonymizeUser(userId, email);
  }
}
