export interface SortField {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface PageRequest {
  page: number;
  size: number;
  sort: SortField[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export const pageOf = <T>(items: T[], total: number, request: PageRequest): Page<T> => ({
  items,
  total,
  page: request.page,
  size: request.size,
});

/** Offset of the first row of a page (pages start at 1). */
export const offsetOf = (request: PageRequest): number => (request.page - 1) * request.size;
