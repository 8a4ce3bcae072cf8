import { chainHash, ChainedRecord, contentDigest, PersonalField, personalDigest } from './audit-record';

/** A chain's bookkeeping: its head, and the checkpoint retention left (the last deleted row). */
export interface ChainState {
  headSeq: string;
  headHash: string;
  checkpointSeq: string;
  checkpointHash: string;
}

export type ChainFault =
  | 'missing_rows' // a row of the chain is gone (sequence gap)
  | 'broken_link' // prev_hash does not name the previous row's hash
  | 'altered' // the row's content or hash no longer matches
  | 'personal_data_altered' // a personal value no longer matches its digest
  | 'truncated'; // the newest rows are gone (the chain ends before its recorded head)

export interface VerificationResult {
  valid: boolean;
  checked: number;
  firstInvalidId: string | null;
  reason: ChainFault | null;
}

function personalFault(row: ChainedRecord): boolean {
  const digests = row.personalDigests as Record<string, string | undefined>;
  for (const [field, salted] of Object.entries(row.personal)) {
    if (!salted || digests[field] !== personalDigest(field, salted)) return true;
  }
  // A digest without its value is an erased value: only a pseudonymized row may have one.
  const erased = Object.keys(digests).filter((f) => !(f in row.personal)) as PersonalField[];
  return erased.length > 0 && row.pseudonymizedAt === null;
}

/**
 * Walks one chain in sequence order, from the checkpoint (or the genesis) to the head, and stops
 * at the first row that breaks it. Feed rows with `check`, then read `result`.
 */
export class ChainVerifier {
  private expectedSeq: bigint;
  private prevHash: string;
  private checked = 0;
  private fault: { id: string | null; reason: ChainFault } | null = null;

  constructor(private readonly state: ChainState) {
    this.expectedSeq = BigInt(state.checkpointSeq) + 1n;
    this.prevHash = state.checkpointHash;
  }

  /** `false` once the chain is broken (further rows are not looked at). */
  check(row: ChainedRecord): boolean {
    if (this.fault) return false;
    this.checked += 1;
    const reason = this.faultOf(row);
    if (reason) {
      this.fault = { id: row.id, reason };
      return false;
    }
    this.expectedSeq += 1n;
    this.prevHash = row.hash;
    return true;
  }

  result(): VerificationResult {
    if (
      !this.fault &&
      (this.expectedSeq - 1n !== BigInt(this.state.headSeq) || this.prevHash !== this.state.headHash)
    )
      this.fault = { id: null, reason: 'truncated' };
    return {
      valid: this.fault === null,
      checked: this.checked,
      firstInvalidId: this.fault?.id ?? null,
      reason: this.fault?.reason ?? null,
    };
  }

  private faultOf(row: ChainedRecord): ChainFault | null {
    if (BigInt(row.chainSeq) !== this.expectedSeq) return 'missing_rows';
    if (row.prevHash !== this.prevHash) return 'broken_link';
    if (personalFault(row)) return 'personal_data_altered';
    if (contentDigest(row) !== row.contentDigest) return 'altered';
    if (chainHash(row.prevHash, row.chainSeq, row.contentDigest) !== row.hash) return 'altered';
    return null;
  }
}
