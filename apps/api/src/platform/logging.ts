import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#libs/config/src/index.js';
import { APP_CONFIG, PersistenceModule } from '#libs/persistence/src/index.js';

/**
 * Structured JSON logs (pino), one line per request with its id. Credentials never reach a log line.
 * The request id is Fastify's, set from `X-Request-Id` (see request-id.ts), so logs, responses and
 * event metadata share it.
 */
export const loggingModule = LoggerModule.forRootAsync({
  imports: [PersistenceModule],
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request) => request.id,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-survey-token"]'], censor: '[redacted]' },
    },
    // nestjs-pino's default route pattern (`{/*splat}`) matches nothing under platform-fastify 12; this
    // one matches every request, unmatched routes included.
    forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
  }),
});
