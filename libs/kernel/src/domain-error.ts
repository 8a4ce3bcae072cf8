/** What went wrong, independent of transport. The platform maps each kind to a status through the registry code. */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'unauthenticated'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export type ErrorParams = Record<string, string | number | boolean | null>;

/** Base of every error the domain and the use cases throw; `code` is a key of the error registry. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  protected constructor(
    message: string,
    readonly params: ErrorParams = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A record that does not exist, or exists in another organization (never say which). */
export class ResourceNotFound extends DomainError {
  readonly code = 'BIZ002';
  readonly kind = 'not_found';
  constructor(resource: string, id?: string) {
    super(`${resource} not found`, { resource }, id ? { resource, id } : { resource });
  }
}

/** A unique value that is already taken within the organization. */
export class ResourceAlreadyExists extends DomainError {
  readonly code = 'BIZ001';
  readonly kind = 'conflict';
  constructor(resource: string, field: string) {
    super(`${resource} with this ${field} already exists`, { resource, field }, { resource, field });
  }
}

/** The operation is not allowed in the resource's current state. */
export class InvalidState extends DomainError {
  readonly code = 'BIZ003';
  readonly kind = 'invalid_state';
  constructor(resource: string, reason: string) {
    super(`${resource}: ${reason}`, { resource, reason }, { resource, reason });
  }
}

/** The caller is known but lacks the permission. */
export class PermissionDenied extends DomainError {
  readonly code = 'AUTH004';
  readonly kind = 'forbidden';
  constructor(action: string, subject: string) {
    super(`Not allowed to ${action} ${subject}`, { action, subject });
  }
}

export interface FieldError {
  field: string;
  message: string;
  invalid_value: unknown;
}

/** Input that breaks a domain rule about a field (for example an end date before the start date). */
export class InvalidField extends DomainError {
  readonly code: string;
  readonly kind = 'validation';
  constructor(
    readonly field: string,
    message: string,
    readonly invalidValue: unknown = null,
    code: 'VAL001' | 'VAL002' | 'VAL003' = 'VAL002',
  ) {
    super(message, { field });
    this.code = code;
  }
}
