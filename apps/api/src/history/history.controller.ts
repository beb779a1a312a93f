import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { EventHistory } from './event-history.service.js';
import { EventPage, EventPageQuery, EventParams, LedgeredEventView, StreamPage, StreamPageQuery, StreamParams } from './history.dto.js';

/** The raw event log, for auditors: what was recorded, in order, with its metadata and its ledger leaf. */
@ApiTags('history')
@Controller()
@Roles('auditor', 'admin')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid parameter; unknown parameters are refused.' })
export class HistoryController {
  constructor(private readonly history: EventHistory) {}

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events in revision order, paged by revision" })
  @ApiOkResponse({ type: StreamPage })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'The stream holds no event.' })
  stream(@Param() params: StreamParams, @Query() query: StreamPageQuery): Promise<StreamPage> {
    return this.history.streamPage(params.streamId, query);
  }

  @Get('events')
  @ApiOperation({ summary: 'The whole log in global order, paged by position, optionally filtered by type and category' })
  @ApiOkResponse({ type: EventPage })
  events(@Query() query: EventPageQuery): Promise<EventPage> {
    return this.history.eventPage({
      fromPosition: query.fromPosition,
      limit: query.limit,
      filter: { types: query.type, categories: query.category },
    });
  }

  @Get('events/:position')
  @ApiOperation({
    summary: 'One event, with its leaf in the ledger and the stored bytes the leaf was made of',
    description:
      'Recompute the leaf from `ledger.storedPayload`, `ledger.storedMetadata` and the envelope, then prove it with `GET /ledger/proofs/inclusion`. ' +
      'An event shown redacted (`ledger.recomputable` false) shows its stored bytes redacted alike: prove its `ledger.leafHash` as given.',
  })
  @ApiOkResponse({ type: LedgeredEventView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No event at that position (NOT_FOUND).' })
  event(@Param() params: EventParams): Promise<LedgeredEventView> {
    return this.history.eventAt(BigInt(params.position));
  }
}
