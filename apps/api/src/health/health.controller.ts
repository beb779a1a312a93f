import { Controller, Get, Headers, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';
import { HealthCheck } from './health-check.service.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly check: HealthCheck) {}

  /** 200 when both stores answer; the projections and process managers and their lag for operators. */
  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether the event store and the read store answer, and how far each projection and process manager is behind the log',
  })
  @ApiOkResponse({
    description:
      'Both stores are up; `projections` and `processManagers` list state, checkpoint and lag (decimal strings). ' +
      'Error texts (`lastError`, `lastVerification.error`) only with an admin key.',
  })
  @ApiServiceUnavailableResponse({ description: 'The event store or the read store does not answer.' })
  async health(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.check.report(authorization);
    if (report.status === 'down') reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
