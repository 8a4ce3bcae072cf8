import { ROLE_LEVELS, RoleLevel } from '@erp/kernel';

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
