import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import type { ChainedRecord } from '../domain/audit-record';
import type { ChainState } from '../domain/chain-verifier';
import { AuditChainReader } from '../domain/ports';
import { AUDIT_LOG_COLUMNS, AuditLogRow, chainIdOf, toChainedRecord } from './audit-rows';

/** Reads a chain in the request's transaction: row-level security decides which chains are visible. */
@Injectable()
export class SqlAuditChainReader extends AuditChainReader {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async state(organizationId: string | null): Promise<ChainState | null> {
    const rows = await this.tx.manager.query<ChainState[]>(
      `select head_seq::text as "headSeq", head_hash as "headHash", checkpoint_seq::text as "checkpointSeq",
              checkpoint_hash as "checkpointHash"
         from audit_chains where chain_id = $1`,
      [chainIdOf(organizationId)],
    );
    return rows[0] ?? null;
  }

  async rows(
    organizationId: string | null,
    afterSeq: string,
    uptoSeq: string,
    limit: number,
  ): Promise<ChainedRecord[]> {
    const rows = await this.tx.manager.query<AuditLogRow[]>(
      `select ${AUDIT_LOG_COLUMNS} from audit_log l
        where l.chain_id = $1 and l.chain_seq > $2 and l.chain_seq <= $3
        order by l.chain_seq limit $4`,
      [chainIdOf(organizationId), afterSeq, uptoSeq, limit],
    );
    return rows.map(toChainedRecord);
  }
}
