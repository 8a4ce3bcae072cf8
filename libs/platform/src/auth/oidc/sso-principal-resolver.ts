import type { Principal } from '../principal';
import type { MappedGrant } from './role-mapping';

/** What a verified SSO access token says about its holder. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  preferredUsername: string | null;
  name: string | null;
  /** Organization roles the role mapping gives this token (organization codes in lower case). */
  grants: MappedGrant[];
  /** Organizations (codes, lower case) whose mapped grants are kept in sync with the token. */
  managedOrganizations: string[];
}

/**
 * Port: turns a verified SSO identity into the request principal, linking or provisioning the user
 * and applying the role mapping. The identity context implements it; the platform looks it up
 * lazily so it does not import the context. Throws an AUTH003 error for an identity it refuses.
 */
export abstract class SsoPrincipalResolver {
  abstract resolve(identity: SsoIdentity): Promise<Principal>;
}
