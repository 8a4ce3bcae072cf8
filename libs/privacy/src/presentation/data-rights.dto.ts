import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** Exports are not paged: an upper bound for the OpenAPI document only. */
const MANY = 1_000_000;
const TIME = { type: String, format: 'date-time' } as const;
const TIME_OR_NULL = { ...TIME, nullable: true } as const;
const ID = { format: 'uuid' } as const;
const ID_OR_NULL = { type: String, format: 'uuid', nullable: true } as const;
const TEXT = { maxLength: 500 } as const;
const list = (type: Type<unknown>) => ({ type: [type] as [Type<unknown>], maxItems: MANY });

class NamedRef {
  @ApiProperty(ID) id!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
}

class AccountData {
  @ApiProperty(ID) id!: string;
  @ApiProperty({ maxLength: 254 }) email!: string;
  @ApiProperty({ maxLength: 200 }) full_name!: string;
  @ApiProperty() is_active!: boolean;
  @ApiProperty() is_platform_admin!: boolean;
  @ApiProperty(ID_OR_NULL) home_organization_id!: string | null;
  @ApiProperty({ description: 'Whether the account has a password (the hash itself is never exported)' })
  has_password!: boolean;
  @ApiProperty({ minimum: 0, maximum: 1000, type: 'integer', format: 'int32' }) failed_login_count!: number;
  @ApiProperty(TIME_OR_NULL) locked_until!: string | null;
  @ApiProperty(TIME_OR_NULL) last_login_at!: string | null;
  @ApiProperty(TIME_OR_NULL) erased_at!: string | null;
  @ApiProperty(TIME) created_at!: string;
  @ApiProperty(TIME) updated_at!: string;
}

class MembershipData {
  @ApiProperty({ type: () => NamedRef }) organization!: NamedRef;
  @ApiProperty({ type: () => NamedRef, nullable: true }) department!: NamedRef | null;
  @ApiProperty() is_active!: boolean;
  @ApiProperty(TIME) joined_at!: string;
}

class RoleGrantData {
  @ApiProperty(ID) id!: string;
  @ApiProperty(ID) organization_id!: string;
  @ApiProperty({ type: () => NamedRef }) role!: NamedRef;
  @ApiProperty(ID_OR_NULL) department_id!: string | null;
  @ApiProperty({ enum: ['manual', 'sso'] }) source!: string;
  @ApiProperty(TIME) created_at!: string;
}

class SsoLinkData {
  @ApiProperty({ maxLength: 500 }) issuer!: string;
  @ApiProperty({ maxLength: 255 }) subject!: string;
  @ApiProperty(TIME) created_at!: string;
}

class ApiKeyData {
  @ApiProperty(ID) id!: string;
  @ApiProperty({ maxLength: 100 }) name!: string;
  @ApiProperty(ID) organization_id!: string;
  @ApiProperty({ maxLength: 21, description: 'The public start of the key (never the key or its hash)' })
  prefix!: string;
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 200, nullable: true })
  scopes!: string[] | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: string;
  @ApiProperty(TIME_OR_NULL) expires_at!: string | null;
  @ApiProperty(TIME_OR_NULL) last_used_at!: string | null;
  @ApiProperty(TIME_OR_NULL) revoked_at!: string | null;
  @ApiProperty(TIME) created_at!: string;
}

class SessionData {
  @ApiProperty(ID) id!: string;
  @ApiProperty({ ...ID, description: 'The refresh token family (one sign-in and its rotations)' })
  family_id!: string;
  @ApiProperty(TIME) created_at!: string;
  @ApiProperty(TIME) expires_at!: string;
  @ApiProperty({ ...TIME_OR_NULL, description: 'When this refresh token was used (rotated)' })
  used_at!: string | null;
  @ApiProperty(TIME_OR_NULL) revoked_at!: string | null;
}

class CountData {
  @ApiProperty({ minimum: 0, maximum: MANY, type: 'integer', format: 'int32' }) count!: number;
}

class TaskData {
  @ApiProperty(ID) id!: string;
  @ApiProperty(ID) organization_id!: string;
  @ApiProperty(ID_OR_NULL) project_id!: string | null;
  @ApiProperty({ maxLength: 200 }) title!: string;
  @ApiProperty({ maxLength: 20 }) status!: string;
  @ApiProperty() created_by_user!: boolean;
  @ApiProperty() assigned_to_user!: boolean;
  @ApiProperty(TIME) created_at!: string;
}

class ProjectData {
  @ApiProperty(ID) id!: string;
  @ApiProperty(ID) organization_id!: string;
  @ApiProperty({ maxLength: 50 }) code!: string;
  @ApiProperty({ maxLength: 200 }) name!: string;
  @ApiProperty({ maxLength: 20 }) status!: string;
  @ApiProperty(TIME) created_at!: string;
}

class ChangesData {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after!: Record<string, unknown> | null;
}

class AuditData {
  @ApiProperty(ID) id!: string;
  @ApiProperty(ID_OR_NULL) organization_id!: string | null;
  @ApiProperty(TIME) occurred_at!: string;
  @ApiProperty({ maxLength: 20 }) actor_type!: string;
  @ApiProperty(ID_OR_NULL) actor_id!: string | null;
  @ApiProperty({ maxLength: 100 }) action!: string;
  @ApiProperty({ type: String, maxLength: 100, nullable: true }) target_type!: string | null;
  @ApiProperty({ type: String, maxLength: 200, nullable: true }) target_id!: string | null;
  @ApiProperty({ enum: ['success', 'denied', 'failed'] }) outcome!: string;
  @ApiProperty({ type: String, maxLength: 20, nullable: true }) error_code!: string | null;
  @ApiProperty({ type: String, maxLength: 128, nullable: true }) request_id!: string | null;
  @ApiProperty({ type: String, ...TEXT, nullable: true, description: 'Only on rows the user acted in' })
  ip!: string | null;
  @ApiProperty({ type: String, ...TEXT, nullable: true, description: 'Only on rows the user acted in' })
  user_agent!: string | null;
  @ApiProperty({
    type: String,
    maxLength: 255,
    nullable: true,
    description: 'Only on rows the user acted in',
  })
  sso_subject!: string | null;
  @ApiProperty({ type: () => ChangesData, nullable: true, description: 'Only on rows about the user' })
  changes!: ChangesData | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty(TIME_OR_NULL) pseudonymized_at!: string | null;
}

/** Everything held about a user; no password hash, token hash, key hash or secret anywhere. */
export class UserDataExportResponse {
  @ApiProperty(ID) user_id!: string;
  @ApiProperty(TIME) exported_at!: string;
  @ApiProperty({ type: () => AccountData }) account!: AccountData;
  @ApiProperty(list(MembershipData)) memberships!: MembershipData[];
  @ApiProperty(list(RoleGrantData)) role_grants!: RoleGrantData[];
  @ApiProperty(list(SsoLinkData)) sso_links!: SsoLinkData[];
  @ApiProperty(list(ApiKeyData)) api_keys!: ApiKeyData[];
  @ApiProperty(list(SessionData)) sessions!: SessionData[];
  @ApiProperty({ type: () => CountData, description: 'Remembered answers of idempotent requests' })
  idempotency_records!: CountData;
  @ApiProperty(list(TaskData)) tasks!: TaskData[];
  @ApiProperty(list(ProjectData)) projects!: ProjectData[];
  @ApiProperty({
    ...list(AuditData),
    description:
      'Audit rows where the user is the actor or the target (platform trail, then each organization)',
  })
  audit_trail!: AuditData[];
}

export class ErasureResponse {
  @ApiProperty(ID) user_id!: string;
  @ApiProperty({ ...TIME, description: 'When the account was first erased' }) erased_at!: string;
  @ApiProperty({
    minimum: 0,
    maximum: MANY,
    type: 'integer',
    format: 'int32',
    description: 'Organizations visited',
  })
  organizations!: number;
  @ApiProperty({ minimum: 0, maximum: MANY, type: 'integer', format: 'int32' })
  audit_rows_pseudonymized!: number;
}
