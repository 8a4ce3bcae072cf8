import { Injectable } from '@nestjs/common';
import { RequestTransaction } from '@erp/platform';
import { PasswordHasher, UserRepository } from '../domain/ports';
import { User } from '../domain/user';

/** On an empty database, creates the platform administrator named by the bootstrap settings. */
@Injectable()
export class EnsurePlatformAdminUseCase {
  constructor(
    private readonly transaction: RequestTransaction,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Returns the created user, or null when the database already had users. */
  async execute(email: string, password: string, fullName = 'Platform Administrator'): Promise<User | null> {
    return this.transaction.run({ organizationId: null, userId: null, platformAdmin: true }, async () => {
      if ((await this.users.countAll()) > 0) return null;
      const admin = User.create({
        email,
        fullName,
        passwordHash: await this.hasher.hash(password),
        platformAdmin: true,
      });
      await this.users.save(admin);
      return admin;
    });
  }
}
