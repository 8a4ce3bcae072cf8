import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateProjectUseCase } from './application/create-project.use-case';
import { CreateTaskUseCase } from './application/create-task.use-case';
import { DeleteProjectUseCase } from './application/delete-project.use-case';
import { DeleteTaskUseCase } from './application/delete-task.use-case';
import { UpdateProjectUseCase } from './application/update-project.use-case';
import { UpdateTaskUseCase } from './application/update-task.use-case';
import { WorkPolicySubjects } from './application/work-policy-subjects';
import { ProjectRepository } from './domain/project.repository';
import { TaskRepository } from './domain/task.repository';
import { WorkReferences } from './domain/work-references';
import { ProjectQueries } from './infrastructure/project.queries';
import { ProjectSchema } from './infrastructure/project.schema';
import { SqlWorkReferences } from './infrastructure/sql-work-references';
import { TaskQueries } from './infrastructure/task.queries';
import { TaskSchema } from './infrastructure/task.schema';
import { TypeOrmProjectRepository } from './infrastructure/typeorm-project.repository';
import { TypeOrmTaskRepository } from './infrastructure/typeorm-task.repository';
import { WorkDataQueries } from './infrastructure/work-data.queries';
import { ProjectsController } from './presentation/projects.controller';
import { TasksController } from './presentation/tasks.controller';

/** Projects and tasks of an organization. */
@Module({
  imports: [TypeOrmModule.forFeature([ProjectSchema, TaskSchema])],
  controllers: [ProjectsController, TasksController],
  providers: [
    { provide: ProjectRepository, useClass: TypeOrmProjectRepository },
    { provide: TaskRepository, useClass: TypeOrmTaskRepository },
    { provide: WorkReferences, useClass: SqlWorkReferences },
    ProjectQueries,
    TaskQueries,
    CreateProjectUseCase,
    UpdateProjectUseCase,
    DeleteProjectUseCase,
    CreateTaskUseCase,
    UpdateTaskUseCase,
    DeleteTaskUseCase,
    WorkPolicySubjects,
    WorkDataQueries,
  ],
  exports: [WorkDataQueries],
})
export class WorkModule {}
