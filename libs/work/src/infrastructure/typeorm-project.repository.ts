import { Injectable } from '@nestjs/common';
import { RecordCache, RequestTransaction } from '@erp/platform';
import { QueryFailedError } from 'typeorm';
import { Project } from '../domain/project';
import { ProjectRepository } from '../domain/project.repository';
import { ProjectCodeTaken } from '../domain/work.errors';
import { ProjectSchema } from './project.schema';
import { TaskSchema } from './task.schema';
import { writeChanges } from './write-changes';

const isCodeConflict = (error: unknown): boolean => {
  const driver =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : {};
  return driver.code === '23505' && (driver.constraint ?? '').includes('code');
};

/** Works in the request transaction, so row-level security always applies. */
@Injectable()
export class TypeOrmProjectRepository extends ProjectRepository {
  constructor(
    private readonly tx: RequestTransaction,
    private readonly cache: RecordCache,
  ) {
    super();
  }

  private get repo() {
    return this.tx.manager.getRepository(ProjectSchema);
  }

  findById(organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
    return this.repo.findOne({
      where: { organizationId, id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async codeTaken(organizationId: string, code: string, exceptId?: string) {
    const query = this.repo
      .createQueryBuilder('p')
      .where('p.organization_id = :organizationId and p.code = :code', { organizationId, code });
    if (exceptId) query.andWhere('p.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  countTasks(organizationId: string, projectId: string) {
    return this.tx.manager.getRepository(TaskSchema).countBy({ organizationId, projectId });
  }

  async add(project: Project) {
    await this.translate(() => this.repo.insert(project));
  }

  async update(project: Project) {
    const { code, name, description, departmentId, status, startsOn, endsOn, budgetAmount } = project;
    await this.translate(() =>
      writeChanges(this.repo, project, {
        code,
        name,
        description,
        departmentId,
        status,
        startsOn,
        endsOn,
        budgetAmount,
      }),
    );
    await this.cache.changed(Project.modelName, project.organizationId, project.id, project.version);
  }

  async remove(project: Project) {
    await this.repo.delete({ organizationId: project.organizationId, id: project.id });
    await this.cache.changed(Project.modelName, project.organizationId, project.id, 'deleted');
  }

  /** A concurrent insert of the same code loses on the unique constraint: the same 409 as the check. */
  private async translate(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isCodeConflict(error)) throw new ProjectCodeTaken();
      throw error;
    }
  }
}
