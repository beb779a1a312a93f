import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, type Bindings, type ChildLoggerOptions, type Logger } from 'pino';
import type { AppConfig } from '#config';
import { APP_CONFIG, PersistenceModule } from '#persistence';
import { finishedRequestLogFields, loggedTime, requestLogView, responseLogView } from './unlinkable-requests.js';

/**
 * Structured JSON logs (pino), one line per request with its id. Credentials never reach a log line.
 * The request id is Fastify's, set from `X-Request-Id` (see request-id.ts), so logs, responses and
 * event metadata share it. The routes declared `@AnonymousRoute()` are logged without anything
 * that could tie a request to its caller (see unlinkable-requests.ts): so every line is stamped by a
 * mixin, which such a request's own line overrides with its minute. A request's logger is built only
 * when the request writes a line (see `deferredChildren`): at `warn`, most never do.
 */
export const loggingModule = LoggerModule.forRootAsync({
  imports: [PersistenceModule],
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const logger = pino({
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-survey-token"]'], censor: '[redacted]' },
      timestamp: false,
      mixin: () => ({ time: loggedTime(false) }),
    });
    return {
      pinoHttp: {
        logger: deferredChildren(logger),
        // The request line is written at `info`: above it, no response needs following.
        autoLogging: logger.isLevelEnabled('info'),
        genReqId: (request) => request.id,
        serializers: { req: requestLogView, res: responseLogView },
        customSuccessObject: (request, _response, fields) => finishedRequestLogFields(request, fields),
        customErrorObject: (request, _response, _error, fields) => finishedRequestLogFields(request, fields),
      },
      // nestjs-pino's default route pattern (`{/*splat}`) matches nothing under platform-fastify 12; this
      // one matches every request, unmatched routes included.
      forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
    };
  },
});

const BUILD = Symbol('build');

interface Deferred {
  [BUILD](): Logger;
}

/**
 * A logger whose children are built when they first write a line at an enabled level, or are asked
 * for their bindings. Building a child serialises its bindings and redacts them: the request logger
 * does that for every request, with the whole request as a binding, whereas at `warn` a request
 * rarely writes anything. A deferred child writes exactly what the child would have.
 */
export function deferredChildren(logger: Logger): Logger {
  const methods = Object.create(logger) as Logger & Deferred;
  for (const level of Object.keys(logger.levels.values)) {
    Object.defineProperty(methods, level, {
      value: function (this: Deferred & Logger, ...args: unknown[]) {
        if (!this.isLevelEnabled(level)) return;
        (this[BUILD]() as unknown as Record<string, (...args: unknown[]) => void>)[level]!(...args);
      },
    });
  }
  Object.defineProperties(methods, {
    child: {
      value: function (this: Deferred, bindings: Bindings, options?: ChildLoggerOptions) {
        // Copied now: a caller may change its options object once the child is made.
        const copied = options === undefined ? undefined : { ...options };
        return deferredChild(methods, () => this[BUILD]().child(bindings, copied));
      },
    },
    bindings: { value: function (this: Deferred) { return this[BUILD]().bindings(); } },
    setBindings: { value: function (this: Deferred, bindings: Bindings) { this[BUILD]().setBindings(bindings); } },
  });
  return deferredChild(methods, () => logger);
}

function deferredChild(methods: Logger & Deferred, build: () => Logger): Logger {
  let built: Logger | undefined;
  const child = Object.create(methods) as Logger & Deferred;
  Object.defineProperty(child, BUILD, { value: () => (built ??= build()) });
  return child;
}
