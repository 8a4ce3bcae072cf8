import { Injectable } from '@nestjs/common';

/**
 * Whether the process is draining. On SIGTERM the API first reports itself unready (so balancers
 * stop sending new requests), keeps answering for the drain period, then closes: in-flight
 * requests finish, connections close, the process exits 0.
 */
@Injectable()
export class Lifecycle {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  beginShutdown(): void {
    this.draining = true;
  }
}
