import {
  AuditEvent,
  buildAuditRecord,
  chainHash,
  ChainedRecord,
  contentDigest,
  GENESIS_HASH,
} from './audit-record';
import { ChainVerifier } from './chain-verifier';
import { REDACTED } from './redaction';

const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  organizationId: '00000000-0000-4000-8000-00000000000a',
  actor: { type: 'user', userId: '00000000-0000-4000-8000-000000000001' },
  action: 'task.update',
  target: { type: 'Task', id: '00000000-0000-4000-8000-0000000000t1' },
  outcome: 'success',
  errorCode: null,
  requestId: 'req-1',
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  changes: { before: { title: 'Old', secret: 's1' }, after: { title: 'New', secret: 's2' } },
  details: { method: 'PATCH' },
  ...overrides,
});

let counter = 0;
const made = (at = '2026-01-31T09:00:00.000Z') => ({
  id: `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`,
  occurredAt: new Date(at),
  salt: () => 'ab'.repeat(16),
});

/** Chains records as the database trigger does. */
function chain(events: AuditEvent[]): ChainedRecord[] {
  let prev = GENESIS_HASH;
  return events.map((e, i) => {
    const record = buildAuditRecord(e, made());
    const chainSeq = String(i + 1);
    const hash = chainHash(prev, chainSeq, record.contentDigest);
    const row = { ...record, chainSeq, prevHash: prev, hash, pseudonymizedAt: null };
    prev = hash;
    return row;
  });
}

const verify = (rows: ChainedRecord[], head = rows[rows.length - 1]) => {
  const verifier = new ChainVerifier({
    headSeq: head?.chainSeq ?? '0',
    headHash: head?.hash ?? GENESIS_HASH,
    checkpointSeq: '0',
    checkpointHash: GENESIS_HASH,
  });
  for (const row of rows) if (!verifier.check(row)) break;
  return verifier.result();
};

describe('audit record and chain', () => {
  it('keeps personal values apart, salted and digested, and only changed fields with secrets redacted', () => {
    const record = buildAuditRecord(event(), made());
    expect(Object.keys(record.personal).sort()).toEqual(['changes', 'ip', 'user_agent']);
    expect(record.personal.changes?.v).toEqual({
      before: { title: 'Old' },
      after: { title: 'New' },
    });
    expect(JSON.stringify(record)).not.toContain('s1');
    expect(
      buildAuditRecord(event({ changes: { before: null, after: { token: 't' } } }), made()).personal.changes
        ?.v,
    ).toEqual({
      before: null,
      after: { token: REDACTED },
    });
  });

  it('has a content digest that is stable and changes with any field', () => {
    const record = buildAuditRecord(event(), made());
    expect(contentDigest(record)).toBe(record.contentDigest);
    expect(contentDigest({ ...record, details: { method: 'PATCH' } })).toBe(record.contentDigest);
    expect(contentDigest({ ...record, outcome: 'failed' })).not.toBe(record.contentDigest);
    expect(contentDigest({ ...record, occurredAt: new Date('2026-01-31T09:00:00.001Z') })).not.toBe(
      record.contentDigest,
    );
  });

  it('hashes prev_hash | seq | content digest with SHA-256 (the same formula as the database)', () => {
    expect(chainHash(GENESIS_HASH, '1', 'ab')).toBe(
      '11f4e3b2e75a048f1b10b506983b9da673f3c596749032c714eba4a1b9bbd22f',
    );
    expect(chainHash(GENESIS_HASH, '1', 'ab')).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, '1', 'ab')).not.toBe(chainHash(GENESIS_HASH, '2', 'ab'));
  });

  it('verifies an intact chain and names the first altered, removed or relinked row', () => {
    const rows = chain([event(), event({ action: 'task.delete' }), event({ outcome: 'denied' })]);
    expect(verify(rows)).toEqual({ valid: true, checked: 3, firstInvalidId: null, reason: null });

    const altered = rows.map((r, i) => (i === 1 ? { ...r, action: 'task.read' } : r));
    expect(verify(altered)).toMatchObject({ valid: false, firstInvalidId: rows[1].id, reason: 'altered' });

    const removed = [rows[0], rows[2]];
    expect(verify(removed)).toMatchObject({
      valid: false,
      firstInvalidId: rows[2].id,
      reason: 'missing_rows',
    });

    expect(verify(rows.slice(0, 2), rows[2])).toMatchObject({
      valid: false,
      firstInvalidId: null,
      reason: 'truncated',
    });

    const personal = rows.map((r, i) =>
      i === 0 ? { ...r, personal: { ...r.personal, ip: { s: r.personal.ip!.s, v: '198.51.100.1' } } } : r,
    );
    expect(verify(personal)).toMatchObject({ firstInvalidId: rows[0].id, reason: 'personal_data_altered' });
  });

  it('still verifies once personal values are erased from a pseudonymized row, and not otherwise', () => {
    const rows = chain([event(), event()]);
    const erased = rows.map((r, i) => (i === 0 ? { ...r, personal: {} } : r));
    expect(verify(erased)).toMatchObject({ valid: false, reason: 'personal_data_altered' });
    const pseudonymized = erased.map((r, i) => (i === 0 ? { ...r, pseudonymizedAt: new Date() } : r));
    expect(verify(pseudonymized)).toEqual({ valid: true, checked: 2, firstInvalidId: null, reason: null });
  });
});
