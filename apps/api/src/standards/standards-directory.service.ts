import { Inject, Injectable } from '@nestjs/common';
import { invalid } from '#domain/shared/validation.js';
import { STORES, type Stores } from '#persistence';
import { standards, type StandardDocument } from '#projections/standards/standards.projection.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';

/**
 * The standards catalogue for the other contexts: a checklist template names the standards it
 * verifies. A standard that is not current is bad input in the request that named it (400, naming
 * the field). Before calling one unknown, the directory waits (bounded, 503 after it) until the
 * catalogue has processed the log's head, as the organisation directory does.
 */
@Injectable()
export class StandardsDirectory {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
  ) {}

  /** Refuses the first id of `ids` that names no current standard, as `<field>.<index>`. */
  async requireCurrent(ids: readonly string[], field: string): Promise<void> {
    const missing = async () => (await Promise.all(ids.map((id) => this.isCurrent(id)))).indexOf(false);
    let index = await missing();
    if (index !== -1) {
      await this.progress.requireCaughtUp([standards.name]);
      index = await missing();
    }
    if (index !== -1) throw invalid(`${field}.${index}`, 'is no current standard of the catalogue');
  }

  private async isCurrent(id: string): Promise<boolean> {
    return (await this.stores.reads.get<StandardDocument>(standards.name, id))?.data.status === 'current';
  }
}
