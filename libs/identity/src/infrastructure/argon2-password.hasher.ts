import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { PasswordHasher } from '../domain/ports';

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
@Injectable()
export class Argon2PasswordHasher extends PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    const target = stored ?? (await (this.dummy ??= hash('dummy-password-for-timing')));
    try {
      return (await verify(target, password)) && stored !== null;
    } catch {
      return false;
    }
  }
}
