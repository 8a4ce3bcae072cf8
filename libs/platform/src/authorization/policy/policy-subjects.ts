import { Injectable } from '@nestjs/common';
import type { ResourceAttributes } from './attributes';

/** What policies may say about the records of one subject, and how to load one (for explain). */
export interface PolicySubject {
  attributes: ResourceAttributes;
  /** Loads a record of the organization by id (`null` when missing), for `authorization/explain`. */
  load?: (organizationId: string, id: string) => Promise<object | null>;
}

/**
 * The subjects whose records policies can talk about (`resource.*`). Each context registers its
 * own at start-up; a subject without an entry has no resource attributes (its policies can still
 * use `user.*` and `time.*`).
 */
@Injectable()
export class PolicySubjects {
  private readonly subjects = new Map<string, PolicySubject>();

  register(subject: string, definition: PolicySubject): void {
    this.subjects.set(subject, definition);
  }

  get(subject: string): PolicySubject | undefined {
    return this.subjects.get(subject);
  }

  /** The `resource.*` attributes of a subject (none when it has not registered). */
  readonly attributesOf = (subject: string): ResourceAttributes =>
    this.subjects.get(subject)?.attributes ?? {};
}
