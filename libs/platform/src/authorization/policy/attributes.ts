/**
 * Role levels, lowest first: `user.role_level` compares by this order. A user's level is the
 * highest level among the roles granted to them (a role inherits its parent's level when that is higher).
 */
export const ROLE_LEVELS = ['member', 'manager', 'admin'] as const;
export type RoleLevel = (typeof ROLE_LEVELS)[number];

export type AttributeType =
  | { kind: 'id' }
  | { kind: 'number' }
  | { kind: 'enum'; values: readonly string[]; ordered: boolean }
  | { kind: 'list'; of: 'id' | 'text' };

export interface AttributeDefinition {
  type: AttributeType;
  description: string;
}

/** An attribute of a record: `field` names the record's property (and, for lists, a mapped column). */
export interface ResourceAttribute extends AttributeDefinition {
  field: string;
}

export type ResourceAttributes = Readonly<Record<string, ResourceAttribute>>;

/** The attributes of the caller and of the moment, known before any record is loaded. */
export const CONTEXT_ATTRIBUTES: Readonly<Record<string, AttributeDefinition>> = {
  'user.id': { type: { kind: 'id' }, description: "the caller's user id" },
  'user.department': { type: { kind: 'id' }, description: "the caller's department in the organization" },
  'user.departments': {
    type: { kind: 'list', of: 'id' },
    description: "the caller's department and all its sub-departments",
  },
  'user.role_level': {
    type: { kind: 'enum', values: ROLE_LEVELS, ordered: true },
    description: `the highest level of the caller's roles (${ROLE_LEVELS.join(' < ')})`,
  },
  'user.roles': {
    type: { kind: 'list', of: 'text' },
    description: 'codes of the roles granted to the caller and of the roles they inherit from',
  },
  'time.hour': { type: { kind: 'number' }, description: 'hour of the request, 0-23 (UTC)' },
  'time.weekday': {
    type: { kind: 'number' },
    description: 'day of the request, 1 (Monday) to 7 (Sunday), UTC',
  },
};

/** Values the context attributes take for one caller at one moment. */
export interface ContextValues {
  user: {
    id: string;
    department: string | null;
    departments: readonly string[];
    roleLevel: RoleLevel | null;
    roles: readonly string[];
  };
  now: Date;
}

/** `user.*` and `time.*` as plain values (attribute name → value). */
export function contextBindings({ user, now }: ContextValues): Record<string, unknown> {
  return {
    'user.id': user.id,
    'user.department': user.department,
    'user.departments': user.departments,
    'user.role_level': user.roleLevel,
    'user.roles': user.roles,
    'time.hour': now.getUTCHours(),
    'time.weekday': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
  };
}

/** The highest of the given levels (`null` for none). */
export function highestLevel(levels: Iterable<string | null | undefined>): RoleLevel | null {
  let best = -1;
  for (const level of levels) best = Math.max(best, ROLE_LEVELS.indexOf(level as RoleLevel));
  return best < 0 ? null : ROLE_LEVELS[best];
}
