import { Actor, defineAbility, EffectiveGrant } from '@erp/platform';
import { Project } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { Task } from '../domain/task';
import { TaskRepository } from '../domain/task.repository';
import { WorkReferenceIds, WorkReferences } from '../domain/work-references';

/** In-memory stand-ins for the ports, for use-case tests. They hand out copies, like a database. */
export const ORG = '00000000-0000-4000-8000-00000000000a';
export const USER = '00000000-0000-4000-8000-000000000001';

export function actorWith(grants: EffectiveGrant[], organizationId = ORG, userId = USER): Actor {
  return new Actor(userId, false, organizationId, defineAbility(grants, false));
}

/** An actor holding `permissions` organization-wide. */
export const actorWithPermissions = (...permissions: string[]): Actor =>
  actorWith([{ permissions, departmentIds: null }]);

abstract class InMemory<
  T extends { id: string; organizationId: string; version: number; createdAt: Date; updatedAt: Date },
> {
  readonly rows = new Map<string, T>();
  writes = 0;
  protected abstract copy(record: T): T;

  async findById(organizationId: string, id: string): Promise<T | null> {
    const row = this.rows.get(id);
    return Promise.resolve(row && row.organizationId === organizationId ? this.copy(row) : null);
  }

  async add(record: T): Promise<void> {
    this.writes += 1;
    Object.assign(record, { version: 1, createdAt: new Date(), updatedAt: new Date() });
    this.rows.set(record.id, this.copy(record));
    return Promise.resolve();
  }

  async update(record: T): Promise<void> {
    this.writes += 1;
    Object.assign(record, { version: record.version + 1, updatedAt: new Date() });
    this.rows.set(record.id, this.copy(record));
    return Promise.resolve();
  }

  async remove(record: T): Promise<void> {
    this.writes += 1;
    this.rows.delete(record.id);
    return Promise.resolve();
  }

  /** Stores a record as if it had been saved earlier. */
  seed(record: T): T {
    Object.assign(record, { version: 1, createdAt: new Date(0), updatedAt: new Date(0) });
    this.rows.set(record.id, this.copy(record));
    return record;
  }
}

export class InMemoryProjects extends InMemory<Project> implements ProjectRepository {
  readonly taskCounts = new Map<string, number>();
  protected copy(p: Project): Project {
    return Object.assign(new Project(), p);
  }
  async codeTaken(organizationId: string, code: string, exceptId?: string): Promise<boolean> {
    return Promise.resolve(
      [...this.rows.values()].some(
        (p) => p.organizationId === organizationId && p.code === code && p.id !== exceptId,
      ),
    );
  }
  async countTasks(_organizationId: string, projectId: string): Promise<number> {
    return Promise.resolve(this.taskCounts.get(projectId) ?? 0);
  }
}

export class InMemoryTasks extends InMemory<Task> implements TaskRepository {
  protected copy(t: Task): Task {
    return Object.assign(new Task(), t);
  }
}

export class FakeReferences extends WorkReferences {
  readonly projects = new Set<string>();
  readonly departments = new Set<string>();
  readonly activeMembers = new Set<string>();
  async missing(_organizationId: string, ids: WorkReferenceIds): Promise<(keyof WorkReferenceIds)[]> {
    const missing: (keyof WorkReferenceIds)[] = [];
    if (ids.projectId && !this.projects.has(ids.projectId)) missing.push('projectId');
    if (ids.departmentId && !this.departments.has(ids.departmentId)) missing.push('departmentId');
    if (ids.assigneeId && !this.activeMembers.has(ids.assigneeId)) missing.push('assigneeId');
    return Promise.resolve(missing);
  }
}
