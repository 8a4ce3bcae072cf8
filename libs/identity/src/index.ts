export { IdentityModule } from './identity.module';
export { EnsurePlatformAdminUseCase } from './application/ensure-platform-admin.use-case';
export { BUILTIN_ROLES, PERMISSION_CATALOGUE } from './domain/permission-catalogue';
export { EraseUserAccountUseCase } from './application/erase-user-account.use-case';
export type { ErasedAccount } from './application/erase-user-account.use-case';
export { UserDataQueries } from './infrastructure/user-data.queries';
export type * from './infrastructure/user-data.queries';
export type { ApiKeyView } from './infrastructure/api-key.queries';
