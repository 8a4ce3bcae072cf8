import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, ApiParam } from '@nestjs/swagger';
import { MAX_PAGE_SIZE } from './openapi-components';

function envelopeOf(model: Type<unknown>, list: boolean) {
  const data = list
    ? { type: 'array', maxItems: MAX_PAGE_SIZE, items: { $ref: getSchemaPath(model) } }
    : { $ref: getSchemaPath(model) };
  return {
    type: 'object',
    required: ['success', 'data', 'meta', 'error'],
    properties: {
      success: { type: 'boolean', enum: [true] },
      data,
      meta: { $ref: `#/components/schemas/${list ? 'PaginatedResponseMeta' : 'ResponseMeta'}` },
      error: { nullable: true, enum: [null], description: 'Always null on success' },
    },
  };
}

/** Documents a 200 answer whose `data` is `model` (or a page of them). */
export const ApiOkEnvelope = (model: Type<unknown>, options: { list?: boolean } = {}) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({ status: 200, description: 'OK', schema: envelopeOf(model, options.list ?? false) }),
  );

/** Documents a 201 answer with `Location`. */
export const ApiCreatedEnvelope = (model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 201,
      description: 'Created',
      schema: envelopeOf(model, false),
      headers: {
        Location: {
          description: 'Path of the new resource',
          schema: { type: 'string', format: 'uri-reference', maxLength: 2048 },
        },
      },
    }),
  );

export const ApiNoContent = () => ApiResponse({ status: 204, description: 'No content' });

export const ApiOrganizationParam = () =>
  ApiParam({
    name: 'organizationId',
    type: String,
    format: 'uuid',
    description: 'The organization (from the path, never the body)',
  });

export const ApiIdParam = () => ApiParam({ name: 'id', type: String, format: 'uuid' });
