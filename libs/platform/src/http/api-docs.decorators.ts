import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

const meta = {
  type: 'object',
  properties: {
    timestamp: { type: 'string', format: 'date-time' },
    request_id: { type: 'string' },
    version: { type: 'string', example: 'v1' },
    execution_time_ms: { type: 'number' },
  },
};

const paginatedMeta = {
  type: 'object',
  properties: {
    ...meta.properties,
    pagination: {
      type: 'object',
      properties: {
        page: { type: 'integer' },
        size: { type: 'integer' },
        total: { type: 'integer' },
        pages: { type: 'integer' },
      },
    },
  },
};

function envelopeOf(model: Type<unknown>, list: boolean) {
  const data = list
    ? { type: 'array', items: { $ref: getSchemaPath(model) } }
    : { $ref: getSchemaPath(model) };
  return {
    type: 'object',
    required: ['success', 'data', 'meta', 'error'],
    properties: {
      success: { type: 'boolean', example: true },
      data,
      meta: list ? paginatedMeta : meta,
      error: { type: 'null' },
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
      headers: { Location: { description: 'URL of the new resource', schema: { type: 'string' } } },
    }),
  );

export const ApiNoContent = () => ApiResponse({ status: 204, description: 'No content' });
