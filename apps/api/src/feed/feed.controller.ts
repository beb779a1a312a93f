import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/access.decorators.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { InvalidRequest, rolesNote } from '../platform/route-docs.js';
import { LAST_EVENT_ID_HEADER, resumePosition } from './feed-frames.js';
import { FeedStreams } from './feed-streams.service.js';
import { FEED_ROLES } from '#domain/catalogue/event-visibility.js';
import { FeedEventFrame, FeedQuery } from './feed.dto.js';

const FEED_DESCRIPTION =
  'Server-Sent Events: the log from a position, caught up, then live, in global order. Each event is a frame with ' +
  '`id` (the position), `event` (the type) and `data` (the envelope as JSON). Resume after a restart by sending the ' +
  'last `id` as `Last-Event-ID`: every later event arrives exactly once. Idle connections get a comment line ' +
  '(`: heartbeat`) every FEED_HEARTBEAT_MS. A client that stops reading holds its subscription where it is. ' +
  'Services receive no API key events; hashes of secrets reach nobody (listed in `redacted`); anonymous answers come without ' +
  'anything that points to who gave them, their times to the day. A connection ends within two seconds once its key is ' +
  'revoked or expires.';

/** The live event feed for downstream systems. */
@ApiTags('feed')
@Controller('feed')
@Roles(...FEED_ROLES)
@InvalidRequest('`Last-Event-ID` must be a position.')
export class FeedController {
  constructor(private readonly streams: FeedStreams) {}

  /*
   * A handler of its own on the raw response rather than `@Sse()`: an Observable cannot be paused, so
   * a slow client would make events pile up; here the next event is read only once the socket drained.
   */
  @Get()
  @ApiOperation({ summary: 'Follow the events as Server-Sent Events, from a position, filtered by type and category', description: `${rolesNote(FEED_ROLES)} ${FEED_DESCRIPTION}` })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: FeedEventFrame, description: 'An endless stream of frames, one per event.' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last `id` received: resume after it. Wins over `fromPosition`.' })
  @ApiServiceUnavailableResponse({
    type: ProblemDto,
    description: 'FEED_FULL: the process serves FEED_MAX_CONNECTIONS feeds, or this key FEED_MAX_CONNECTIONS_PER_KEY; retry after `Retry-After` seconds.',
  })
  follow(
    @Query() query: FeedQuery,
    @Headers(LAST_EVENT_ID_HEADER) lastEventId: string | undefined,
    @Caller() caller: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = resumePosition(query.fromPosition, lastEventId);
    return this.streams.follow(reply, { after, filter: { types: query.type, categories: query.category }, caller });
  }
}
