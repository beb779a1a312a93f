import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { trainingSessions, type TrainingSessionDocument } from '#projections/training/training-sessions.projection.js';
import { webinars, type WebinarDocument } from '#projections/training/webinars.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { readPage, type Page } from '../platform/keyset-pages.js';
import type { PageQuery } from '../platform/dto-fields.js';
import type { TrainingSessionListQuery, WebinarListQuery } from './group-training.dto.js';

/** The sessions by start, the webinars by the day they were held; both as of one moment per read. */
@Injectable()
export class GroupTrainingQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  session(id: string, moment: ResolvedAsOf): Promise<TrainingSessionDocument & { position: string }> {
    return this.read<TrainingSessionDocument>(trainingSessions.name, 'training session', id, moment);
  }

  sessions(query: TrainingSessionListQuery, moment: ResolvedAsOf): Promise<Page<TrainingSessionDocument>> {
    const { kind, status, trainerId } = query;
    return this.page<TrainingSessionDocument>(trainingSessions.name, 'startsAt', { kind, status, trainerId }, query, moment);
  }

  webinar(id: string, moment: ResolvedAsOf): Promise<WebinarDocument & { position: string }> {
    return this.read<WebinarDocument>(webinars.name, 'webinar', id, moment);
  }

  webinars(query: WebinarListQuery, moment: ResolvedAsOf): Promise<Page<WebinarDocument>> {
    return this.page<WebinarDocument>(webinars.name, 'heldAt', { trainerId: query.trainerId }, query, moment);
  }

  private async read<D>(projection: string, entity: string, id: string, moment: ResolvedAsOf): Promise<D & { position: string }> {
    const found = await this.stores.reads.get<D>(projection, id, readAsOf(moment));
    if (!found) throw new NotFoundError(entity, id);
    return { ...found.data, position: found.position.toString() };
  }

  private async page<D extends { readonly id: string }>(
    projection: string,
    orderBy: string,
    filters: Readonly<Record<string, string | undefined>>,
    query: PageQuery,
    moment: ResolvedAsOf,
  ): Promise<Page<D>> {
    const filter = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return readPage<D>(this.stores.reads, { projection, filter, orderBy, moment }, query);
  }
}
