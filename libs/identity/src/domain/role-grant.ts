import { newId } from '@erp/kernel';

/** A role given to a member in an organization, optionally narrowed to one department (and its sub-departments). */
export class RoleGrant {
  static readonly modelName = 'RoleGrant';
  id!: string;
  organizationId!: string;
  userId!: string;
  roleId!: string;
  departmentId!: string | null;
  grantedBy!: string | null;
  /** `manual`: granted by someone; `sso`: made by the SSO role mapping, which alone adds and removes those. */
  source!: 'manual' | 'sso';
  createdAt!: Date;

  static create(
    organizationId: string,
    input: { userId: string; roleId: string; departmentId: string | null; grantedBy: string | null },
  ): RoleGrant {
    const g = new RoleGrant();
    g.id = newId();
    g.organizationId = organizationId;
    g.userId = input.userId;
    g.roleId = input.roleId;
    g.departmentId = input.departmentId;
    g.grantedBy = input.grantedBy;
    g.source = 'manual';
    return g;
  }
}
