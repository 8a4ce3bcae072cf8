export { IdentityModule } from './identity.module';
export { EnsurePlatformAdminUseCase } from './application/ensure-platform-admin.use-case';
export { PERMISSION_CATALOGUE } from './domain/permission-catalogue';
