import type { ChainedRecord } from './audit-record';
import type { ChainState } from './chain-verifier';

/** Reads one chain (an organization's, or the platform's for `null`) as the caller may see it. */
export abstract class AuditChainReader {
  /** `null`: the chain has no row yet. */
  abstract state(organizationId: string | null): Promise<ChainState | null>;
  /** Rows after `afterSeq` up to `uptoSeq`, in sequence order, at most `limit`. */
  abstract rows(
    organizationId: string | null,
    afterSeq: string,
    uptoSeq: string,
    limit: number,
  ): Promise<ChainedRecord[]>;
}

export interface RetentionOutcome {
  organizationId: string | null;
  deleted: number;
  checkpointSeq: string;
}

/** The maintenance the runtime role may only do through the database's SECURITY DEFINER functions. */
export abstract class AuditMaintenance {
  /** Deletes rows older than `days` days, chain by chain, keeping a checkpoint per chain. */
  abstract applyRetention(days: number): Promise<RetentionOutcome[]>;
  /** Erases a user's personal values from the trail (digests stay); the number of rows touched. */
  abstract pseudonymizeUser(userId: string, email: string | null): Promise<number>;
}
