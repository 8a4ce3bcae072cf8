import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_ROLE } from '@erp/platform/database/runtime-role';

/**
 * SSO links: a user is found by the (issuer, subject) of an OIDC realm's token. The table is
 * global like `users` (no organization_id, so no row-level security). Role grants made by the
 * SSO role mapping are marked `source = 'sso'`, so keeping them in sync never touches grants
 * made by hand.
 */
export class CreateUserIdentities1763800002000 implements MigrationInterface {
  name = 'CreateUserIdentities1763800002000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `create table user_identities (
        id uuid primary key,
        user_id uuid not null references users(id) on delete cascade,
        issuer varchar(500) not null,
        subject varchar(255) not null,
        roles_hash char(64),
        created_at timestamptz not null default now(),
        unique (issuer, subject)
      )`,
      `create index user_identities_user_idx on user_identities (user_id)`,
      `grant select, insert, update on user_identities to ${RUNTIME_ROLE}`,
      `alter table role_grants add column source varchar(10) not null default 'manual'
         check (source in ('manual', 'sso'))`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`alter table role_grants drop column if exists source`);
    await db.query(`drop table if exists user_identities`);
  }
}
