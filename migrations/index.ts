import { CreateIdentity1763800000000 } from './1763800000000-create-identity';
import { CreateWork1763800001000 } from './1763800001000-create-work';
import { CreateUserIdentities1763800002000 } from './1763800002000-create-user-identities';
import { CreatePolicies1765000002000 } from './1765000002000-create-policies';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const migrations = [
  CreateIdentity1763800000000,
  CreateWork1763800001000,
  CreateUserIdentities1763800002000,
  CreatePolicies1765000002000,
];
