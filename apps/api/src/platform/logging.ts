import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#libs/config/src/index.js';
import { APP_CONFIG, PersistenceModule } from '#libs/persistence/src/index.js';
import { finishedRequestLogFields, loggedTime, requestLogView, responseLogView } from './unlinkable-requests.js';

/**
 * Structured JSON logs (pino), one line per request with its id. Credentials never reach a log line.
 * The request id is Fastify's, set from `X-Request-Id` (see request-id.ts), so logs, responses and
 * event metadata share it. The routes declared `@AnonymousRoute()` are logged without anything
 * that could tie a request to its caller (see unlinkable-requests.ts): so every line is stamped by a
 * mixin, which such a request's own line overrides with its minute.
 */
export const loggingModule = LoggerModule.forRootAsync({
  imports: [PersistenceModule],
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request) => request.id,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-survey-token"]'], censor: '[redacted]' },
      serializers: { req: requestLogView, res: responseLogView },
      customSuccessObject: (request, _response, fields) => finishedRequestLogFields(request, fields),
      customErrorObject: (request, _response, _error, fields) => finishedRequestLogFields(request, fields),
      timestamp: false,
      mixin: () => ({ time: loggedTime(false) }),
    },
    // nestjs-pino's default route pattern (`{/*splat}`) matches nothing under platform-fastify 12; this
    // one matches every request, unmatched routes included.
    forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
  }),
});
