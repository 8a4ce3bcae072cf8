import { InvalidField, InvalidState, ResourceAlreadyExists } from '@erp/kernel';

/** Another project of the organization already uses this code (409 BIZ001). */
export class ProjectCodeTaken extends ResourceAlreadyExists {
  constructor() {
    super('Project', 'code');
  }
}

/** A project that still has tasks cannot be deleted (409 BIZ003). */
export class ProjectHasTasks extends InvalidState {
  constructor(taskCount: number) {
    super('Project', `it still has ${taskCount} task(s)`);
  }
}

/** A project cannot end before it starts (422 VAL003 on `ends_on`). */
export class ProjectEndsBeforeStart extends InvalidField {
  constructor(endsOn: string) {
    super('ends_on', 'ends_on must be on or after starts_on', endsOn, 'VAL003');
  }
}

/** A field that must hold text holds only spaces (422 VAL001). */
export class BlankField extends InvalidField {
  constructor(field: string) {
    super(field, `${field} must not be blank`, '', 'VAL001');
  }
}

/** A value outside its enumeration or format (422 VAL002). */
export class InvalidValue extends InvalidField {
  constructor(field: string, value: unknown) {
    super(field, `${field} has an invalid value`, value, 'VAL002');
  }
}

/** A referenced record (project, department, member) that is not in the organization (422 VAL002). */
export class UnknownReference extends InvalidField {
  constructor(field: string, what: string, value: string) {
    super(field, `${field} does not name ${what} of this organization`, value, 'VAL002');
  }
}
