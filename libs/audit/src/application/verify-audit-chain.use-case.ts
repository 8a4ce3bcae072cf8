import { Injectable } from '@nestjs/common';
import { ChainVerifier, VerificationResult } from '../domain/chain-verifier';
import { AuditChainReader } from '../domain/ports';

const BATCH = 500;

/**
 * Verifies an organization's chain (or the platform's, for `null`) from its checkpoint to the head
 * read first; rows appended meanwhile are left for the next verification.
 */
@Injectable()
export class VerifyAuditChainUseCase {
  constructor(private readonly chains: AuditChainReader) {}

  async execute(organizationId: string | null): Promise<VerificationResult> {
    const state = await this.chains.state(organizationId);
    if (!state) return { valid: true, checked: 0, firstInvalidId: null, reason: null };
    const verifier = new ChainVerifier(state);
    let after = state.checkpointSeq;
    for (;;) {
      const rows = await this.chains.rows(organizationId, after, state.headSeq, BATCH);
      for (const row of rows) if (!verifier.check(row)) return verifier.result();
      if (rows.length < BATCH) return verifier.result();
      after = rows[rows.length - 1].chainSeq;
    }
  }
}
