import { IsOptional, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../domain/calendar-date';

/*
 * Validator order in the DTOs: class-validator runs a property's decorators from the one nearest the
 * property upwards and (with `stopAtFirstError`) reports the first failure. So presence and type sit
 * nearest the property, then lengths, then formats: `123` for a title is VAL002, not VAL003.
 */

/** A calendar day `YYYY-MM-DD` that exists (422 VAL002 otherwise). */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value) } }, options);

/** May be left out, but not sent as `null` (for fields that always have a value). */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** May be left out, or sent as `null` to clear it. */
export const Nullable = (): PropertyDecorator => IsOptional();
