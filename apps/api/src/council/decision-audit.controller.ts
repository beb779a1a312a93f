import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVERY_READ_MODEL } from '../platform/read-pipeline.service.js';
import { MinPositionQuery } from '../platform/read-your-writes.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { AUDITORS } from './council-roles.js';
import { DecisionParams, DecisionReconstruction } from './council.dto.js';
import { CouncilQueries } from './council-queries.service.js';

@ApiTags('audit')
@Controller('audit/decisions')
@InvalidRequest()
export class DecisionAuditController {
  constructor(private readonly queries: CouncilQueries) {}

  @Get(':id')
  @ReadRoute(AUDITORS, {
    summary: 'Reconstruct a council decision: the exact numbers it was based on, votes, dissent, evidence, minutes',
    description: 'Adopted or rejected; the pack is recomputed as of the position pinned when its meeting opened.',
    type: DecisionReconstruction,
    reads: EVERY_READ_MODEL,
    notFound: 'No such decision (NOT_FOUND).',
  })
  decision(@Param() params: DecisionParams, @Query() _query: MinPositionQuery): Promise<DecisionReconstruction> {
    return this.queries.decision(params.id);
  }
}
