import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MinPositionQuery, ReadYourWrites } from '../platform/read-your-writes.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { AUDITORS } from './council-roles.js';
import { DecisionParams, DecisionReconstruction } from './council.dto.js';
import { CouncilQueries } from './council.queries.js';

@ApiTags('audit')
@Controller('audit/decisions')
@InvalidRequest()
export class DecisionAuditController {
  constructor(
    private readonly queries: CouncilQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':id')
  @ReadRoute(AUDITORS, {
    summary: 'Reconstruct a council decision: the exact numbers it was based on, votes, dissent, evidence, minutes',
    description: 'Adopted or rejected; the pack is recomputed as of the position pinned when its meeting opened.',
    type: DecisionReconstruction,
    notFound: 'No such decision (NOT_FOUND).',
  })
  async decision(@Param() params: DecisionParams, @Query() query: MinPositionQuery): Promise<DecisionReconstruction> {
    await this.readYourWrites.catchUp(query);
    return this.queries.decision(params.id);
  }
}
