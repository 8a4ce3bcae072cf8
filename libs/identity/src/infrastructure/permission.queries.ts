import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf, PageRequest } from '@erp/kernel';
import { PERMISSION_CATALOGUE } from '../domain/permission-catalogue';

export interface PermissionView {
  code: string;
  resource: string;
  action: string;
  description: string;
}

export const PERMISSION_SORT = { code: 'code', resource: 'resource', action: 'action' } satisfies Record<
  string,
  keyof PermissionView
>;

const VIEWS: PermissionView[] = PERMISSION_CATALOGUE.map(({ code, description }) => {
  const [resource, action] = code.split(':');
  return { code, resource, action, description };
});

/** The permission catalogue (static: it ships with the code). */
@Injectable()
export class PermissionQueries {
  list(request: PageRequest, q?: string): Page<PermissionView> {
    const needle = q?.toLowerCase();
    const matching = VIEWS.filter(
      (p) => !needle || p.code.includes(needle) || p.description.toLowerCase().includes(needle),
    );
    const sorted = [...matching].sort((a, b) => {
      for (const { field, direction } of request.sort) {
        const key = field as keyof PermissionView;
        const order = a[key].localeCompare(b[key]);
        if (order !== 0) return direction === 'ASC' ? order : -order;
      }
      return a.code.localeCompare(b.code);
    });
    const start = offsetOf(request);
    return pageOf(sorted.slice(start, start + request.size), sorted.length, request);
  }
}
