export { WorkModule } from './work.module';
export { WorkDataQueries } from './infrastructure/work-data.queries';
export type { ProjectDataView, TaskDataView, WorkData } from './infrastructure/work-data.queries';
