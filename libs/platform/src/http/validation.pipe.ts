import { ValidationPipe } from '@nestjs/common';
import { toValidationFailure } from './request-validation';

/** Bodies and queries: unknown properties refused, types converted by the DTOs, errors as VAL codes. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: toValidationFailure,
  });
