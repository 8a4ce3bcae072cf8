import { User } from './user';

describe('User sign-in rules', () => {
  const now = new Date('2026-01-01T09:00:00Z');
  const user = () => User.create({ email: ' Alice@Example.COM ', fullName: ' Alice ', passwordHash: 'hash' });

  it('normalizes the email and name', () => {
    expect(user()).toMatchObject({
      email: 'alice@example.com',
      fullName: 'Alice',
      isActive: true,
      isPlatformAdmin: false,
    });
  });

  it('locks after the maximum number of consecutive failures, for the lockout period', () => {
    const u = user();
    u.recordFailedLogin(now, 3, 600);
    u.recordFailedLogin(now, 3, 600);
    expect(u.isLocked(now)).toBe(false);
    u.recordFailedLogin(now, 3, 600);
    expect(u.isLocked(now)).toBe(true);
    expect(u.isLocked(new Date(now.getTime() + 599_000))).toBe(true);
    expect(u.isLocked(new Date(now.getTime() + 600_000))).toBe(false);
  });

  it('a successful sign-in resets the failure count', () => {
    const u = user();
    u.recordFailedLogin(now, 3, 600);
    u.recordFailedLogin(now, 3, 600);
    u.recordSuccessfulLogin(now);
    u.recordFailedLogin(now, 3, 600);
    expect(u.isLocked(now)).toBe(false);
    expect(u.lastLoginAt).toBe(now);
  });
});

describe('User profile ownership', () => {
  it('may be renamed by itself or by the organization that created it, never by another', () => {
    const u = User.create({ email: 'a@b.c', fullName: 'A', passwordHash: null, homeOrganizationId: 'org-1' });
    expect(u.mayBeRenamedBy(u.id, 'org-2')).toBe(true);
    expect(u.mayBeRenamedBy('someone', 'org-1')).toBe(true);
    expect(u.mayBeRenamedBy('someone', 'org-2')).toBe(false);
    const admin = User.create({
      email: 'p@b.c',
      fullName: 'P',
      passwordHash: null,
      platformAdmin: true,
      homeOrganizationId: 'org-1',
    });
    expect(admin.mayBeRenamedBy('someone', 'org-1')).toBe(false);
  });
});
