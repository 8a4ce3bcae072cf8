import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, PlatformOptions } from '@erp/platform';
import { IdentityModule } from '@erp/identity';
import { WorkModule } from '@erp/work';
import { AuditModule } from '@erp/audit';
import { PrivacyModule } from '@erp/privacy';

/** The HTTP application: the platform plus every bounded context, nothing else. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), IdentityModule, WorkModule, AuditModule, PrivacyModule],
    };
  }
}
