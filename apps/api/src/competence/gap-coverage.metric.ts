import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import {
  gapCoverageChangesQuery,
  gapCoverageOpeningQuery,
  gapCoverageReport,
  SKILL_GAPS,
  type GapCoverageParams,
} from '#projections/competence/index.js';
import { AsOfResolver, asOfView } from '../platform/as-of.js';
import { metricMoment } from '../platform/dto-fields.js';
import type { GapCoverageAnswer, GapCoverageQuery } from './skill-gaps.dto.js';

/** Gap coverage, from the facts of the `skillGaps` projection, as known at one position. */
@Injectable()
export class GapCoverageMetric {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async report(query: GapCoverageQuery): Promise<GapCoverageAnswer> {
    const { moment, asOf } = await metricMoment(this.asOf, query, SKILL_GAPS);
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
