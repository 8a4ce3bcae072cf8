import { ConsoleLogger, Logger } from '@nestjs/common';
import { Clock } from '@erp/kernel';
import {
  AccessCache,
  AppConfig,
  grantsHash,
  MappedGrant,
  RequestTransaction,
  SsoIdentity,
} from '@erp/platform';
import { SsoGrantRepository, UserIdentityRepository } from '../domain/ports';
import { Role } from '../domain/role';
import { SsoSignInRefused } from '../domain/sso.errors';
import { User } from '../domain/user';
import { UserIdentity } from '../domain/user-identity';
import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import { FakeMemberships, FakeRoles, FakeUsers } from './in-memory.fakes';
import { ProvisionSsoUserUseCase } from './provision-sso-user.use-case';
import { ResolveSsoPrincipalUseCase } from './resolve-sso-principal.use-case';
import { SsoPrincipalCache } from './sso-principal.cache';
import { SyncSsoGrantsUseCase } from './sync-sso-grants.use-case';

class FakeLinks extends UserIdentityRepository {
  readonly rows: UserIdentity[] = [];
  find(issuer: string, subject: string) {
    return Promise.resolve(this.rows.find((l) => l.issuer === issuer && l.subject === subject) ?? null);
  }
  save(link: UserIdentity) {
    if (!this.rows.includes(link)) this.rows.push(link);
    return Promise.resolve();
  }
  lock() {
    return Promise.resolve();
  }
}

/** Grants as rows of (organization, user, role, source); organizations by code. */
class FakeSsoGrants extends SsoGrantRepository {
  readonly organizations = new Map<string, string>([['acme', 'org-acme']]);
  readonly rows: { organizationId: string; userId: string; roleId: string; source: string }[] = [];
  organizationIds(codes: string[]) {
    return Promise.resolve(new Map([...this.organizations].filter(([code]) => codes.includes(code))));
  }
  organizationsWithGrants(userId: string) {
    const sso = this.rows.filter((r) => r.userId === userId && r.source === 'sso');
    return Promise.resolve([...new Set(sso.map((r) => r.organizationId))]);
  }
  roleIds(organizationId: string, userId: string) {
    const sso = this.rows.filter((r) => r.organizationId === organizationId && r.userId === userId);
    return Promise.resolve(sso.filter((r) => r.source === 'sso').map((r) => r.roleId));
  }
  add(organizationId: string, userId: string, roleIds: string[]) {
    for (const roleId of roleIds)
      if (
        !this.rows.some(
          (r) => r.organizationId === organizationId && r.userId === userId && r.roleId === roleId,
        )
      )
        this.rows.push({ organizationId, userId, roleId, source: 'sso' });
    return Promise.resolve();
  }
  remove(organizationId: string, userId: string, roleIds: string[]) {
    const gone = this.rows.filter(
      (r) =>
        r.organizationId === organizationId &&
        r.userId === userId &&
        r.source === 'sso' &&
        roleIds.includes(r.roleId),
    );
    for (const row of gone) this.rows.splice(this.rows.indexOf(row), 1);
    return Promise.resolve();
  }
}

class MovableClock extends Clock {
  at = new Date('2026-01-01T09:00:00Z');
  now() {
    return this.at;
  }
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const ISSUER = 'https://sso.test/realms/erp';
const identity = (overrides: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer: ISSUER,
  subject: 'sub-1',
  email: 'ann@sso.test',
  emailVerified: true,
  preferredUsername: 'ann',
  name: 'Ann Example',
  grants: [],
  managedOrganizations: ['acme'],
  ...overrides,
});

function setup() {
  const tx = {
    run: <T>(_scope: unknown, work: () => Promise<T>) => work(),
    switchOrganization: () => Promise.resolve(),
  } as unknown as RequestTransaction;
  const users = new FakeUsers();
  const links = new FakeLinks();
  const ssoGrants = new FakeSsoGrants();
  const roles = new FakeRoles();
  const memberships = new FakeMemberships();
  const clock = new MovableClock();
  const [admin, member] = ['admin', 'member'].map((code) => {
    const role = Role.create('org-acme', { code, name: code, permissions: [] });
    void roles.save(role);
    return role;
  });
  const audit = new RecordingAuditContext();
  const provision = new ProvisionSsoUserUseCase(tx, users, links, audit);
  // Invalidation of cached access is proven end to end (test/e2e/platform/access-cache.e2e-spec.ts).
  const access = { invalidateAfterCommit: () => undefined } as unknown as AccessCache;
  const sync = new SyncSsoGrantsUseCase(tx, links, ssoGrants, roles, memberships, clock, access);
  const config = { OIDC_PRINCIPAL_CACHE_SECONDS: 60 } as AppConfig;
  const cache = new SsoPrincipalCache(config, clock);
  const resolver = new ResolveSsoPrincipalUseCase(cache, provision, sync);
  const roleCodes = (userId: string) =>
    ssoGrants.rows
      .filter((r) => r.userId === userId)
      .map(
        (r) =>
          `${r.roleId === admin.id ? 'admin' : r.roleId === member.id ? 'member' : r.roleId}:${r.source}`,
      )
      .sort();
  return { users, links, ssoGrants, roles, memberships, clock, cache, resolver, admin, roleCodes, audit };
}

const acme = (...roles: string[]): MappedGrant[] => roles.map((role) => ({ organization: 'acme', role }));

describe('SSO sign-in', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));

  it('provisions a user on first use and finds it again by (issuer, subject)', async () => {
    const { users, links, resolver, audit } = setup();
    const first = await resolver.resolve(identity());
    expect(first).toEqual({
      kind: 'user',
      userId: expect.any(String),
      platformAdmin: false,
      via: 'sso',
      subject: { issuer: ISSUER, subject: 'sub-1' },
    });
    expect(users.rows.get(first.userId)).toMatchObject({
      email: 'ann@sso.test',
      fullName: 'Ann Example',
      passwordHash: null,
    });
    expect((await resolver.resolve(identity({ email: 'changed@sso.test' }))).userId).toBe(first.userId);
    expect(links.rows).toHaveLength(1);
    // The first sign-in is audited once, with the SSO subject as actor.
    expect(audit.events).toEqual([
      expect.objectContaining({
        action: 'auth.sso_first_login',
        outcome: 'success',
        actor: { type: 'sso', userId: first.userId, ssoIssuer: ISSUER, ssoSubject: 'sub-1' },
      }),
    ]);
  });

  it('links an existing account only through a verified email, and refuses inactive accounts', async () => {
    const { users, resolver } = setup();
    const existing = User.create({ email: 'ann@sso.test', fullName: 'Ann', passwordHash: 'x' });
    await users.save(existing);
    await expect(resolver.resolve(identity({ emailVerified: false }))).rejects.toBeInstanceOf(
      SsoSignInRefused,
    );
    await expect(
      resolver.resolve(identity({ email: null, preferredUsername: 'ann@sso.test' })),
    ).rejects.toBeInstanceOf(SsoSignInRefused);
    expect((await resolver.resolve(identity())).userId).toBe(existing.id);
    existing.isActive = false;
    await expect(resolver.resolve(identity({ grants: acme('member') }))).rejects.toBeInstanceOf(
      SsoSignInRefused,
    );
  });

  it('keeps mapped grants in sync and leaves grants made by hand alone', async () => {
    const { ssoGrants, memberships, resolver, admin, roleCodes } = setup();
    const { userId } = await resolver.resolve(identity({ grants: acme('admin', 'member', 'missing') }));
    expect(roleCodes(userId)).toEqual(['admin:sso', 'member:sso']);
    expect([...memberships.rows.values()]).toMatchObject([
      { organizationId: 'org-acme', userId, isActive: true },
    ]);

    ssoGrants.rows.push({ organizationId: 'org-acme', userId, roleId: 'hand-made', source: 'manual' });
    await resolver.resolve(identity({ grants: acme('member') }));
    expect(roleCodes(userId)).toEqual(['hand-made:manual', 'member:sso']);
    await resolver.resolve(identity({ grants: [] }));
    expect(roleCodes(userId)).toEqual(['hand-made:manual']);
    await resolver.resolve(identity({ grants: acme('admin') }));
    expect(roleCodes(userId)).toEqual(['admin:sso', 'hand-made:manual']);
    expect(ssoGrants.rows.filter((r) => r.roleId === admin.id)).toHaveLength(1);
  });

  it('records only what could be applied, so a missing organization is tried again later', async () => {
    const { links, ssoGrants, roles, clock, resolver } = setup();
    const wanted = [...acme('member'), { organization: 'beta', role: 'member' }];
    const sso = identity({ grants: wanted, managedOrganizations: ['acme', 'beta'] });
    const { userId } = await resolver.resolve(sso);
    expect(links.rows[0].rolesHash).toBe(grantsHash(acme('member')));

    ssoGrants.organizations.set('beta', 'org-beta');
    const betaMember = Role.create('org-beta', { code: 'member', name: 'member', permissions: [] });
    await roles.save(betaMember);
    await resolver.resolve(sso); // still remembered: nothing asked
    expect(ssoGrants.rows.filter((r) => r.organizationId === 'org-beta')).toEqual([]);
    clock.advance(61_000); // past OIDC_PRINCIPAL_CACHE_SECONDS
    await resolver.resolve(sso);
    expect(ssoGrants.rows.filter((r) => r.organizationId === 'org-beta')).toEqual([
      { organizationId: 'org-beta', userId, roleId: betaMember.id, source: 'sso' },
    ]);
    expect(links.rows[0].rolesHash).toBe(grantsHash(wanted));
  });

  it('answers from memory while the subject and its mapped roles are unchanged', async () => {
    const { users, resolver } = setup();
    const first = await resolver.resolve(identity({ grants: acme('member') }));
    const findById = jest.spyOn(users, 'findById');
    await Promise.all([
      resolver.resolve(identity({ grants: acme('member') })),
      resolver.resolve(identity({ grants: acme('member') })),
    ]);
    expect(findById).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([resolver.resolve(identity()), resolver.resolve(identity())]);
    expect(findById).toHaveBeenCalledTimes(1);
    expect([a.userId, b.userId]).toEqual([first.userId, first.userId]);
  });

  it('serves a changed account from memory for at most OIDC_PRINCIPAL_CACHE_SECONDS, or until evicted', async () => {
    const { users, clock, cache, resolver } = setup();
    const { userId } = await resolver.resolve(identity());
    const user = users.rows.get(userId) as User;
    // No use case deactivates an account yet; one that does must call `evictUser`.
    user.isActive = false;
    clock.advance(59_999);
    expect((await resolver.resolve(identity())).userId).toBe(userId);
    clock.advance(1);
    await expect(resolver.resolve(identity())).rejects.toBeInstanceOf(SsoSignInRefused);

    user.isActive = true;
    await resolver.resolve(identity());
    user.isActive = false;
    cache.evictUser(userId);
    await expect(resolver.resolve(identity())).rejects.toBeInstanceOf(SsoSignInRefused);
  });
});
