export { WorkModule } from './work.module';
