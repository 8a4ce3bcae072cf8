import { AsyncLocalStorage } from 'node:async_hooks';
import { ClsService } from 'nestjs-cls';
import type { ModuleRef } from '@nestjs/core';
import type { RequestTransaction } from '../database/request-transaction';
import { AuditContext, AuditEventInput, plainRecord } from './audit-context';

/** For use-case tests: keeps what use cases tell the audit context instead of writing it. */
export class RecordingAuditContext extends AuditContext {
  readonly events: AuditEventInput[] = [];
  readonly changes: { type: string; id: string; before: unknown; after: unknown }[] = [];

  constructor() {
    super(new ClsService(new AsyncLocalStorage()), {} as RequestTransaction, {} as ModuleRef);
  }

  override target(): void {}

  override changed(type: string, id: string, before: object | null, after: object | null): void {
    this.changes.push({ type, id, before: plainRecord(before), after: plainRecord(after) });
  }

  override record(event: AuditEventInput): Promise<void> {
    this.events.push(event);
    return Promise.resolve();
  }
}
