import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthorizationSource } from '@erp/platform';
import { CreateOrganizationUseCase } from './application/create-organization.use-case';
import { EnsurePlatformAdminUseCase } from './application/ensure-platform-admin.use-case';
import { GetMeUseCase } from './application/get-me.use-case';
import { LogoutUseCase } from './application/logout.use-case';
import { ObtainTokenUseCase } from './application/obtain-token.use-case';
import { RefreshTokenUseCase } from './application/refresh-token.use-case';
import { TokenIssuer } from './application/token-issuer';
import { UpdateOrganizationUseCase } from './application/update-organization.use-case';
import {
  MembershipRepository,
  OrganizationRepository,
  PasswordHasher,
  RefreshTokenStore,
  RoleGrantRepository,
  RoleRepository,
  UserRepository,
} from './domain/ports';
import { Argon2PasswordHasher } from './infrastructure/argon2-password.hasher';
import { IDENTITY_SCHEMAS } from './infrastructure/identity.schemas';
import { OrganizationQueries } from './infrastructure/organization.queries';
import { SqlRefreshTokenStore } from './infrastructure/sql-refresh-token.store';
import { TypeOrmAuthorizationSource } from './infrastructure/typeorm-authorization.source';
import {
  TypeOrmMembershipRepository,
  TypeOrmOrganizationRepository,
  TypeOrmRoleGrantRepository,
  TypeOrmRoleRepository,
  TypeOrmUserRepository,
} from './infrastructure/typeorm-identity.repositories';
import { AuthController } from './presentation/auth.controller';
import { OrganizationsController } from './presentation/organizations.controller';

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_SCHEMAS)],
  controllers: [AuthController, OrganizationsController],
  providers: [
    { provide: AuthorizationSource, useClass: TypeOrmAuthorizationSource },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    { provide: OrganizationRepository, useClass: TypeOrmOrganizationRepository },
    { provide: MembershipRepository, useClass: TypeOrmMembershipRepository },
    { provide: RoleRepository, useClass: TypeOrmRoleRepository },
    { provide: RoleGrantRepository, useClass: TypeOrmRoleGrantRepository },
    { provide: RefreshTokenStore, useClass: SqlRefreshTokenStore },
    OrganizationQueries,
    TokenIssuer,
    ObtainTokenUseCase,
    RefreshTokenUseCase,
    LogoutUseCase,
    GetMeUseCase,
    CreateOrganizationUseCase,
    UpdateOrganizationUseCase,
    EnsurePlatformAdminUseCase,
  ],
  exports: [AuthorizationSource, EnsurePlatformAdminUseCase],
})
export class IdentityModule {}
