import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#persistence';
import {
  gapCoverageChangesQuery,
  gapCoverageOpeningQuery,
  gapCoverageReport,
  type GapCoverageParams,
} from '#projections/competence/index.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { GapCoverageAnswer, GapCoverageQuery } from './skill-gaps.dto.js';

/** Gap coverage, from the facts of the `skillGaps` projection, as known at one position. */
@Injectable()
export class GapCoverageMetrics {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async report(query: GapCoverageQuery, moment: ResolvedAsOf): Promise<GapCoverageAnswer> {
    const { asOf } = readAsOf(moment);
    const { from, to, groupBy, sectionId, positionId } = query;
    const params: GapCoverageParams = { from, to, groupBy, sectionId, positionId, asOf };
    const openingQuery = gapCoverageOpeningQuery(params);
    const [opening, changes] = await Promise.all([
      openingQuery === undefined ? [] : this.stores.reads.aggregateFacts(openingQuery),
      this.stores.reads.aggregateFacts(gapCoverageChangesQuery(params)),
    ]);
    return { asOf: asOfView(moment), rows: gapCoverageReport(opening, changes) };
  }
}
