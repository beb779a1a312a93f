import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { Public } from '../auth/access.decorators.js';
import { ProjectionProgress } from '../platform/projection-progress.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionProgress,
  ) {}

  /** 200 when the event store answers; the projections and their lag for operators. */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the event store answers, and how far each projection is behind it' })
  @ApiOkResponse({ description: 'The store is up; `projections` lists state, checkpoint and lag (decimal strings).' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer.' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const head = await this.stores.events.headPosition();
      const projections = await this.projections.snapshot();
      return {
        status: 'ok',
        eventStore: { status: 'up', headPosition: head?.toString() ?? null },
        projections: projections.map((p) => ({
          name: p.name,
          version: p.version,
          state: p.state,
          checkpoint: p.checkpoint?.toString() ?? null,
          lag: p.lag.toString(),
          lastError: p.lastError ?? null,
        })),
      };
    } catch (error) {
      this.logger.error({ msg: 'the event store does not answer', err: error });
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', eventStore: { status: 'down' } };
    }
  }
}
