import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { supportTickets, type SupportTicketDocument } from '#projections/support/support-tickets.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { SupportTicketView } from './support-tickets.dto.js';

export const SUPPORT_TICKETS = supportTickets.name;

@Injectable()
export class SupportTicketQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async get(id: string, moment: ResolvedAsOf): Promise<SupportTicketView> {
    const found = await this.stores.reads.get<SupportTicketDocument>(SUPPORT_TICKETS, id, readAsOf(moment));
    if (!found) throw new NotFoundError('support ticket', id);
    return { ...found.data, position: found.position.toString() };
  }
}
