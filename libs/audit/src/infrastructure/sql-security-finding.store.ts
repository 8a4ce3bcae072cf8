import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { SecurityFindingStore, StoredFindings } from '../domain/security/scan-ports';
import type { DetectedFinding } from '../domain/security/security-finding';

/**
 * One INSERT per finding; the partial unique index on (organization, dedupe key) of open findings
 * turns a repeat into an update of the open finding (severity, summary, evidence, last detection).
 */
@Injectable()
export class SqlSecurityFindingStore extends SecurityFindingStore {
  constructor(private readonly tx: RequestTransaction) {
    super();
  }

  async save(organizationId: string, findings: DetectedFinding[], at: Date): Promise<StoredFindings> {
    const stored: StoredFindings = { opened: 0, refreshed: 0 };
    for (const f of findings) {
      const [row] = await this.tx.manager.query<{ inserted: boolean }[]>(
        `insert into security_findings (id, organization_id, type, rule, severity, subject_type, subject_id,
           summary, evidence, dedupe_key, detected_at, last_detected_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         on conflict (organization_id, dedupe_key) where status = 'open' do update
           set severity = excluded.severity, summary = excluded.summary, evidence = excluded.evidence,
               last_detected_at = excluded.last_detected_at, occurrences = security_findings.occurrences + 1
         returning (xmax = 0) as inserted`,
        [
          randomUUID(),
          organizationId,
          f.type,
          f.rule.slice(0, 50),
          f.severity,
          f.subjectType,
          f.subjectId.slice(0, 200),
          f.summary.slice(0, 500),
          JSON.stringify(f.evidence),
          f.dedupeKey.slice(0, 300),
          at,
        ],
      );
      if (row.inserted) stored.opened++;
      else stored.refreshed++;
    }
    return stored;
  }
}
