import { Injectable } from '@nestjs/common';
import { offsetOf, Page, pageOf, PageRequest } from '@erp/kernel';
import { likePattern, RequestTransaction } from '@erp/platform';
import { OrganizationSchema } from './identity.schemas';
import type { Organization } from '../domain/organization';

export const ORGANIZATION_SORT = { name: 'o.name', code: 'o.code', created_at: 'o.createdAt' };

/** Organizations the caller may see: its active memberships, or all for a platform administrator (`onlyId`: just that one). */
@Injectable()
export class OrganizationQueries {
  constructor(private readonly tx: RequestTransaction) {}

  async list(
    userId: string,
    platformAdmin: boolean,
    request: PageRequest,
    q?: string,
    onlyId: string | null = null,
  ): Promise<Page<Organization>> {
    const query = this.tx.manager.getRepository(OrganizationSchema).createQueryBuilder('o');
    if (!platformAdmin) {
      query.where(
        'o.id in (select m.organization_id from memberships m where m.user_id = :userId and m.is_active)',
        { userId },
      );
    }
    if (onlyId) query.andWhere('o.id = :onlyId', { onlyId });
    if (q) query.andWhere('(o.name ilike :q or o.code ilike :q)', { q: likePattern(q) });
    for (const s of request.sort) query.addOrderBy(s.field, s.direction);
    const [items, total] = await query
      .addOrderBy('o.id')
      .skip(offsetOf(request))
      .take(request.size)
      .getManyAndCount();
    return pageOf(items, total, request);
  }
}
