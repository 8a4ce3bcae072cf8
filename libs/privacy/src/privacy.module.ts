import { Module } from '@nestjs/common';
import { AuditModule } from '@erp/audit';
import { IdentityModule } from '@erp/identity';
import { WorkModule } from '@erp/work';
import { EraseUserUseCase } from './application/erase-user.use-case';
import { ExportUserDataUseCase } from './application/export-user-data.use-case';
import { DataRightsController } from './presentation/data-rights.controller';

/**
 * Data rights: export and erasure of a user. It owns no table; it composes the read facades and
 * use cases the identity, work and audit contexts export for it.
 */
@Module({
  imports: [IdentityModule, WorkModule, AuditModule],
  controllers: [DataRightsController],
  providers: [ExportUserDataUseCase, EraseUserUseCase],
})
export class PrivacyModule {}
