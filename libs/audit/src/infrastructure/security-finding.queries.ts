import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@erp/kernel';
import { enumOrder, fetchPage, RequestTransaction, SqlFilter } from '@erp/platform';
import { SEVERITIES } from '../domain/security/security-finding';

export interface SecurityFindingView {
  id: string;
  organization_id: string;
  type: string;
  rule: string;
  severity: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  evidence: Record<string, unknown>;
  status: string;
  detected_at: string;
  last_detected_at: string;
  occurrences: number;
}

export interface SecurityFindingFilters {
  type?: string;
  severity?: string;
  from?: string;
  q?: string;
}

type Row = Omit<SecurityFindingView, 'detected_at' | 'last_detected_at'> & {
  detected_at: Date;
  last_detected_at: Date;
};

export const SECURITY_FINDING_SORT = {
  detected_at: 'f.detected_at',
  last_detected_at: 'f.last_detected_at',
  severity: enumOrder('f.severity', SEVERITIES),
};

/** An organization's security findings, newest first by default. */
@Injectable()
export class SecurityFindingQueries {
  constructor(private readonly tx: RequestTransaction) {}

  list(
    organizationId: string,
    request: PageRequest,
    f: SecurityFindingFilters,
  ): Promise<Page<SecurityFindingView>> {
    const where = new SqlFilter()
      .equals('f.organization_id', organizationId)
      .equals('f.type', f.type)
      .equals('f.severity', f.severity)
      .contains(['f.summary', 'f.rule', 'f.subject_id'], f.q);
    if (f.from) where.and(`f.last_detected_at >= ${where.param(f.from)}::timestamptz`);
    return fetchPage(this.tx.manager, {
      columns: `f.id, f.organization_id, f.type, f.rule, f.severity, f.subject_type, f.subject_id, f.summary,
        f.evidence, f.status, f.detected_at, f.last_detected_at, f.occurrences`,
      from: 'security_findings f',
      where,
      request,
      tiebreak: 'f.id',
      toView: (row: Row): SecurityFindingView => ({
        ...row,
        detected_at: row.detected_at.toISOString(),
        last_detected_at: row.last_detected_at.toISOString(),
      }),
    });
  }
}
