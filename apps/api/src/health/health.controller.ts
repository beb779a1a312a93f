import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ProjectionHost } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionHost,
  ) {}

  /** 200 when the event store answers; the projections and their lag for operators. */
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const head = await this.stores.events.headPosition();
      const projections = await this.projections.health();
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
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', eventStore: { status: 'down', error: (error as Error).message } };
    }
  }
}
