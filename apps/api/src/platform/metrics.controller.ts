import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';
import { ApiMetrics } from './api-metrics.service.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { ProblemDto } from './problem.dto.js';

/**
 * Public by default, as Prometheus scrapers expect: it exposes request counts, latencies and lag, no
 * business data. `METRICS_KEY` puts it behind a key of its own, `METRICS_PORT` on a port of its own.
 */
@ApiTags('operations')
@Controller('metrics')
@UseGuards(MetricsAccessGuard)
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics: requests, command and append latency, projection lag, process' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format.' })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'With `METRICS_KEY` set: not `Authorization: Bearer <METRICS_KEY>`.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'With `METRICS_PORT` set: the metrics are on that port, not here.' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}
