import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorker, PlatformModule, PlatformOptions } from '@erp/platform';
import { AuditModule } from '@erp/audit';

/** The worker: the platform plus the contexts whose jobs it runs (their `JobHandler` providers), no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(options), DiscoveryModule, AuditModule],
      providers: [JobWorker],
    };
  }
}
