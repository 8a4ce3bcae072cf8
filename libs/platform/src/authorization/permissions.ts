/** A permission as stored on roles and shown in the catalogue: `resource:action`. */
export type PermissionCode = `${string}:${string}`;

export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'assign';

/** CASL subject names; contexts add theirs by using them in `@Can` and their permission catalogue. */
export type SubjectName = string;

export interface PermissionDefinition {
  code: PermissionCode;
  description: string;
}

/** `task:read` → `{ action: 'read', subject: 'Task' }`; `purchase_order:approve` → `PurchaseOrder`. */
export function parsePermission(code: string): { action: string; subject: SubjectName } {
  const [resource, action] = code.split(':');
  const subject = resource
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return { action, subject };
}

/** `('read', 'PurchaseOrder')` → `purchase_order:read`. */
export function toPermissionCode(action: string, subject: string): string {
  return `${subject.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase()}:${action}`;
}
