import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUuid } from '@erp/kernel';
import { RequestValidationFailed } from './request-validation';

/** Path ids must be UUIDs: anything else is a 422 VAL002 naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value))
      throw new RequestValidationFailed([
        { field: metadata.data ?? 'id', code: 'VAL002', invalidValue: value },
      ]);
    return value.toLowerCase();
  }
}
