import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyPrincipalResolver, AuthorizationSource, SsoPrincipalResolver } from '@erp/platform';
import { AddMemberUseCase } from './application/add-member.use-case';
import { CreateApiKeyUseCase } from './application/create-api-key.use-case';
import { ResolveApiKeyPrincipalUseCase } from './application/resolve-api-key-principal.use-case';
import { RevokeApiKeyUseCase } from './application/revoke-api-key.use-case';
import { ApiKeyCredentialStore, ApiKeyRepository } from './domain/api-key.repository';
import { ApiKeyQueries } from './infrastructure/api-key.queries';
import { ApiKeySchema } from './infrastructure/api-key.schema';
import {
  SqlApiKeyCredentialStore,
  TypeOrmApiKeyRepository,
} from './infrastructure/typeorm-api-key.repository';
import { ApiKeysController } from './presentation/api-keys.controller';
import { CreateDepartmentUseCase } from './application/create-department.use-case';
import { CreateOrganizationUseCase } from './application/create-organization.use-case';
import { CreateRoleUseCase } from './application/create-role.use-case';
import { DeleteDepartmentUseCase } from './application/delete-department.use-case';
import { DeleteRoleUseCase } from './application/delete-role.use-case';
import { EnsurePlatformAdminUseCase } from './application/ensure-platform-admin.use-case';
import { GetMeUseCase } from './application/get-me.use-case';
import { GrantRoleUseCase } from './application/grant-role.use-case';
import { LogoutUseCase } from './application/logout.use-case';
import { ObtainTokenUseCase } from './application/obtain-token.use-case';
import { RefreshTokenUseCase } from './application/refresh-token.use-case';
import { ProvisionSsoUserUseCase } from './application/provision-sso-user.use-case';
import { RemoveMemberUseCase } from './application/remove-member.use-case';
import { ResolveSsoPrincipalUseCase } from './application/resolve-sso-principal.use-case';
import { RevokeRoleUseCase } from './application/revoke-role.use-case';
import { SsoPrincipalCache } from './application/sso-principal.cache';
import { SyncSsoGrantsUseCase } from './application/sync-sso-grants.use-case';
import { TokenIssuer } from './application/token-issuer';
import { UpdateDepartmentUseCase } from './application/update-department.use-case';
import { UpdateMemberUseCase } from './application/update-member.use-case';
import { UpdateOrganizationUseCase } from './application/update-organization.use-case';
import { UpdateRoleUseCase } from './application/update-role.use-case';
import {
  DepartmentRepository,
  MembershipRepository,
  OrganizationRepository,
  PasswordHasher,
  RefreshTokenStore,
  RoleGrantRepository,
  RoleRepository,
  SsoGrantRepository,
  UserIdentityRepository,
  UserRepository,
} from './domain/ports';
import { Argon2PasswordHasher } from './infrastructure/argon2-password.hasher';
import { DepartmentQueries } from './infrastructure/department.queries';
import { IDENTITY_SCHEMAS } from './infrastructure/identity.schemas';
import { MemberQueries } from './infrastructure/member.queries';
import { OrganizationQueries } from './infrastructure/organization.queries';
import { PermissionQueries } from './infrastructure/permission.queries';
import { RoleGrantQueries } from './infrastructure/role-grant.queries';
import { RoleQueries } from './infrastructure/role.queries';
import { SqlRefreshTokenStore } from './infrastructure/sql-refresh-token.store';
import { TypeOrmAuthorizationSource } from './infrastructure/typeorm-authorization.source';
import { TypeOrmDepartmentRepository } from './infrastructure/typeorm-department.repository';
import {
  SqlSsoGrantRepository,
  TypeOrmUserIdentityRepository,
} from './infrastructure/typeorm-sso.repositories';
import {
  TypeOrmMembershipRepository,
  TypeOrmOrganizationRepository,
  TypeOrmRoleGrantRepository,
  TypeOrmRoleRepository,
  TypeOrmUserRepository,
} from './infrastructure/typeorm-identity.repositories';
import { AuthController } from './presentation/auth.controller';
import { DepartmentsController } from './presentation/departments.controller';
import { MembersController } from './presentation/members.controller';
import { MeV2Controller } from './presentation/me-v2.controller';
import { OrganizationsController } from './presentation/organizations.controller';
import { PermissionsController } from './presentation/permissions.controller';
import { RoleGrantsController } from './presentation/role-grants.controller';
import { RolesController } from './presentation/roles.controller';
import { CreatePolicyUseCase } from './application/create-policy.use-case';
import { DeletePolicyUseCase } from './application/delete-policy.use-case';
import { ExplainAccessUseCase } from './application/explain-access.use-case';
import { UpdatePolicyUseCase } from './application/update-policy.use-case';
import { PolicyRepository } from './domain/policy';
import { PolicyQueries } from './infrastructure/policy.queries';
import { PolicySchema } from './infrastructure/policy.schema';
import { TypeOrmPolicyRepository } from './infrastructure/typeorm-policy.repository';
import { AuthorizationController } from './presentation/authorization.controller';
import { PoliciesController } from './presentation/policies.controller';
import { EraseUserAccountUseCase } from './application/erase-user-account.use-case';
import { UserFootprint } from './domain/user-footprint';
import { SqlUserFootprint } from './infrastructure/sql-user-footprint';
import { UserDataQueries } from './infrastructure/user-data.queries';

@Module({
  imports: [TypeOrmModule.forFeature([...IDENTITY_SCHEMAS, ApiKeySchema, PolicySchema])],
  controllers: [
    AuthController,
    MeV2Controller,
    OrganizationsController,
    DepartmentsController,
    MembersController,
    RolesController,
    RoleGrantsController,
    PermissionsController,
    ApiKeysController,
    PoliciesController,
    AuthorizationController,
  ],
  providers: [
    { provide: AuthorizationSource, useClass: TypeOrmAuthorizationSource },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    { provide: OrganizationRepository, useClass: TypeOrmOrganizationRepository },
    { provide: MembershipRepository, useClass: TypeOrmMembershipRepository },
    { provide: RoleRepository, useClass: TypeOrmRoleRepository },
    { provide: RoleGrantRepository, useClass: TypeOrmRoleGrantRepository },
    { provide: DepartmentRepository, useClass: TypeOrmDepartmentRepository },
    { provide: RefreshTokenStore, useClass: SqlRefreshTokenStore },
    { provide: UserIdentityRepository, useClass: TypeOrmUserIdentityRepository },
    { provide: SsoGrantRepository, useClass: SqlSsoGrantRepository },
    { provide: SsoPrincipalResolver, useClass: ResolveSsoPrincipalUseCase },
    SsoPrincipalCache,
    { provide: ApiKeyPrincipalResolver, useClass: ResolveApiKeyPrincipalUseCase },
    { provide: ApiKeyRepository, useClass: TypeOrmApiKeyRepository },
    { provide: ApiKeyCredentialStore, useClass: SqlApiKeyCredentialStore },
    ApiKeyQueries,
    CreateApiKeyUseCase,
    RevokeApiKeyUseCase,
    ProvisionSsoUserUseCase,
    SyncSsoGrantsUseCase,
    OrganizationQueries,
    DepartmentQueries,
    MemberQueries,
    RoleQueries,
    RoleGrantQueries,
    PermissionQueries,
    TokenIssuer,
    ObtainTokenUseCase,
    RefreshTokenUseCase,
    LogoutUseCase,
    GetMeUseCase,
    CreateOrganizationUseCase,
    UpdateOrganizationUseCase,
    EnsurePlatformAdminUseCase,
    CreateDepartmentUseCase,
    UpdateDepartmentUseCase,
    DeleteDepartmentUseCase,
    AddMemberUseCase,
    UpdateMemberUseCase,
    RemoveMemberUseCase,
    CreateRoleUseCase,
    UpdateRoleUseCase,
    DeleteRoleUseCase,
    GrantRoleUseCase,
    RevokeRoleUseCase,
    { provide: PolicyRepository, useClass: TypeOrmPolicyRepository },
    PolicyQueries,
    CreatePolicyUseCase,
    UpdatePolicyUseCase,
    DeletePolicyUseCase,
    ExplainAccessUseCase,
    { provide: UserFootprint, useClass: SqlUserFootprint },
    UserDataQueries,
    EraseUserAccountUseCase,
  ],
  exports: [
    AuthorizationSource,
    SsoPrincipalResolver,
    ApiKeyPrincipalResolver,
    EnsurePlatformAdminUseCase,
    UserDataQueries,
    EraseUserAccountUseCase,
  ],
})
export class IdentityModule {}
