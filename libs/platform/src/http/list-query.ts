import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { PageRequest, SortField } from '@erp/kernel';
import { RequestValidationFailed } from './request-validation';

/** Paging, sorting and text search shared by every list endpoint (contract §7). */
export class ListQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  size?: number;

  @ApiPropertyOptional({
    description: 'Comma-separated fields, `-` for descending: `-created_at,title`',
    maxLength: 200,
    pattern: '^-?[a-z_]+(,-?[a-z_]+)*$',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^-?[a-z_]+(,-?[a-z_]+)*$/)
  sort?: string;

  @ApiPropertyOptional({ description: 'Text search', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/**
 * The page a list query asks for. `allowed` maps the sortable wire names to SQL columns;
 * any other sort field is a 422 VAL002 on `sort`.
 */
export function toPageRequest(
  query: ListQuery,
  allowed: Record<string, string>,
  defaultSort: string,
): PageRequest {
  const sort: SortField[] = (query.sort ?? defaultSort).split(',').map((token) => {
    const name = token.replace(/^-/, '');
    const column = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!column)
      throw new RequestValidationFailed([{ field: 'sort', code: 'VAL002', invalidValue: query.sort }]);
    return { field: column, direction: token.startsWith('-') ? 'DESC' : 'ASC' };
  });
  return { page: query.page ?? 1, size: query.size ?? 20, sort };
}
