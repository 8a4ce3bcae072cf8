import { newId } from '@erp/kernel';

/** A tenant: every business record belongs to exactly one organization. */
export class Organization {
  static readonly modelName = 'Organization';
  id!: string;
  name!: string;
  code!: string;
  description!: string | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  version!: number;

  static create(input: { name: string; code: string; description?: string | null }): Organization {
    const org = new Organization();
    org.id = newId();
    org.name = input.name.trim();
    org.code = input.code.trim();
    org.description = input.description ?? null;
    org.isActive = true;
    return org;
  }

  rename(changes: { name?: string; description?: string | null; isActive?: boolean }): void {
    if (changes.name !== undefined) this.name = changes.name.trim();
    if (changes.description !== undefined) this.description = changes.description;
    if (changes.isActive !== undefined) this.isActive = changes.isActive;
  }
}
