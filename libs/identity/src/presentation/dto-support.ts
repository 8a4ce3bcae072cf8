import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

/*
 * Validator order in these DTOs: class-validator runs a property's decorators from the one nearest
 * the property upwards and (with `stopAtFirstError`) reports only the first failure. So the type
 * check sits nearest the property, then lengths, then formats: a number where a string belongs is
 * VAL002, an oversized string VAL003, a malformed one VAL002.
 */

/** A UUID reference in a body or query, compared in lower case like the ids of the path. */
export const IsUuidRef = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID(),
  );
