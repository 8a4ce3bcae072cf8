import { RecordingAuditContext } from '@erp/platform/audit/audit-context.fakes';
import {
  AccountStatus,
  AuthorizationSource,
  EffectiveGrant,
  MembershipGrants,
  newApiKeySecret,
  PresentedApiKey,
  RequestTransaction,
} from '@erp/platform';
import { ApiKey } from '../domain/api-key';
import { Membership } from '../domain/membership';
import { FakeApiKeys, FakeCredentialStore } from './api-key.fakes';
import { CreateApiKeyUseCase, CreateApiKeyInput } from './create-api-key.use-case';
import { actorWith, FakeMemberships, FixedClock, ORG, orgWide } from './in-memory.fakes';
import { LAST_USED_RESOLUTION_MS, ResolveApiKeyPrincipalUseCase } from './resolve-api-key-principal.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

const NOW = new Date('2026-01-01T09:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

class FakeAuthorization extends AuthorizationSource {
  constructor(private readonly grants: Record<string, EffectiveGrant[]>) {
    super();
  }
  grantsOf(userId: string, organizationId: string): Promise<MembershipGrants> {
    return Promise.resolve({ member: true, grants: this.grants[`${organizationId}/${userId}`] ?? [] });
  }
  accountOf(): Promise<AccountStatus> {
    return Promise.resolve({ active: true, platformAdmin: false });
  }
}

/** Records which organization the transaction was moved to. */
const transaction = () => {
  const moves: string[] = [];
  const tx = { switchOrganization: (id: string) => Promise.resolve(void moves.push(id)) };
  return { moves, tx: tx as unknown as RequestTransaction };
};

describe('API key use cases', () => {
  let keys: FakeApiKeys;
  let memberships: FakeMemberships;
  const caller = actorWith([], { userId: 'owner' });

  beforeEach(async () => {
    keys = new FakeApiKeys();
    memberships = new FakeMemberships();
    await memberships.save(Membership.create(ORG, 'owner', null, NOW));
  });

  describe('create', () => {
    const authorization = new FakeAuthorization({
      [`${ORG}/owner`]: [
        orgWide('task:read', 'task:create'),
        { permissions: ['task:delete'], departmentIds: ['d1'] },
      ],
    });
    const create = (input: Partial<CreateApiKeyInput>, tx = transaction().tx) =>
      new CreateApiKeyUseCase(
        tx,
        memberships,
        authorization,
        keys,
        new FixedClock(NOW),
        new RecordingAuditContext(),
      ).execute({ name: 'k', organizationId: ORG, scopes: null, expiresAt: null, ...input }, caller);

    it('returns the key once and stores its hash, in the organization it is for', async () => {
      const { moves, tx } = transaction();
      const { apiKey, key } = await create({ scopes: ['task:read', 'task:delete', 'task:read'] }, tx);
      expect(key.startsWith(`erpk_${apiKey.lookupId}_`)).toBe(true);
      expect(keys.rows.get(apiKey.id)).toMatchObject({
        organizationId: ORG,
        userId: 'owner',
        scopes: ['task:delete', 'task:read'],
        revokedAt: null,
      });
      expect(JSON.stringify(keys.rows.get(apiKey.id))).not.toContain(key.slice(22));
      expect(moves).toEqual([ORG]);
    });

    it('refuses scopes the owner does not hold there (403 AUTH004), naming them', async () => {
      await expect(create({ scopes: ['task:read', 'role:assign', 'task:update'] })).rejects.toMatchObject({
        code: 'AUTH004',
        details: { missing_permissions: ['role:assign', 'task:update'] },
      });
      expect(keys.rows.size).toBe(0);
    });

    it('answers an organization the caller is not (or no longer) a member of as missing', async () => {
      await expect(create({ organizationId: 'org-2' })).rejects.toMatchObject({ code: 'BIZ002' });
      (await memberships.find(ORG, 'owner'))!.end();
      await expect(create({})).rejects.toMatchObject({ code: 'BIZ002' });
      expect(keys.rows.size).toBe(0);
    });

    it('refuses an expiry that is not in the future (422 VAL003)', async () => {
      await expect(create({ expiresAt: NOW })).rejects.toMatchObject({ code: 'VAL003', field: 'expires_at' });
      await expect(create({ expiresAt: at(1) })).resolves.toBeDefined();
    });
  });

  describe('revoke', () => {
    it("revokes the caller's own key once, and answers anyone else's as missing", async () => {
      const key = ApiKey.create(
        {
          organizationId: ORG,
          userId: 'owner',
          name: 'k',
          lookupId: 'l',
          secretHash: 'h',
          scopes: null,
          expiresAt: null,
        },
        NOW,
      );
      await keys.save(key);
      const revoke = (actor = caller, clock = new FixedClock(at(1000))) =>
        new RevokeApiKeyUseCase(transaction().tx, keys, clock, new RecordingAuditContext()).execute(
          key.id,
          actor,
        );
      await expect(revoke(actorWith([orgWide('user:delete')], { userId: 'other' }))).rejects.toMatchObject({
        code: 'BIZ002',
      });
      expect(key.revokedAt).toBeNull();
      await revoke();
      expect(key.revokedAt).toEqual(at(1000));
      await revoke(caller, new FixedClock(at(5000)));
      expect(key.revokedAt).toEqual(at(1000));
    });
  });

  describe('authentication', () => {
    let store: FakeCredentialStore;
    let secret: ReturnType<typeof newApiKeySecret>;
    let key: ApiKey;
    const resolve = (presented: PresentedApiKey = secret, now = NOW) =>
      new ResolveApiKeyPrincipalUseCase(store, new FixedClock(now)).resolve(presented);

    beforeEach(async () => {
      store = new FakeCredentialStore(keys);
      secret = newApiKeySecret();
      key = ApiKey.create(
        {
          organizationId: ORG,
          userId: 'owner',
          name: 'k',
          lookupId: secret.lookupId,
          secretHash: secret.hash,
          scopes: ['task:read'],
          expiresAt: at(3_600_000),
        },
        at(-1000),
      );
      await keys.save(key);
    });

    it("gives the owner's principal through the key, never with administrator rights", async () => {
      await expect(resolve()).resolves.toEqual({
        kind: 'user',
        userId: 'owner',
        platformAdmin: false,
        via: 'api_key',
        apiKey: { id: key.id, organizationId: ORG, scopes: ['task:read'] },
      });
    });

    it('refuses unknown, mismatched, revoked and expired keys, and keys of inactive owners (AUTH003)', async () => {
      const refused = (reason: string) => expect.objectContaining({ code: 'AUTH003', reason });
      await expect(resolve({ lookupId: 'ffffffffffffffff', hash: secret.hash })).rejects.toEqual(
        refused('unknown'),
      );
      await expect(resolve({ ...secret, hash: newApiKeySecret().hash })).rejects.toEqual(refused('unknown'));
      await expect(resolve(secret, at(3_600_000))).rejects.toEqual(refused('expired'));
      store.inactiveOwners.add('owner');
      await expect(resolve()).rejects.toEqual(refused('owner inactive'));
      store.inactiveOwners.clear();
      key.revoke(NOW);
      await expect(resolve()).rejects.toEqual(refused('revoked'));
      expect(store.touches).toEqual([]);
    });

    it('stamps last_used_at on use, at most once a minute', async () => {
      await resolve();
      await resolve(secret, at(LAST_USED_RESOLUTION_MS - 1));
      expect(store.touches).toEqual([{ id: key.id, at: NOW }]);
      await resolve(secret, at(LAST_USED_RESOLUTION_MS));
      expect(store.touches.map((t) => t.at)).toEqual([NOW, at(LAST_USED_RESOLUTION_MS)]);
      expect(key.lastUsedAt).toEqual(at(LAST_USED_RESOLUTION_MS));
    });
  });
});
