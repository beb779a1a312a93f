import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino, type Bindings, type ChildLoggerOptions, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '#persistence';
import { finishedRequestLogFields, loggedTime, requestLogView, responseLogView } from './unlinkable-requests.service.js';

/**
 * Structured JSON logs (pino). Credentials never reach a log line. The routes declared
 * `@AnonymousRoute()` are logged without anything that could tie a request to its caller (see
 * unlinkable-requests.service.ts): so every line is stamped by a mixin, which such a request's own line
 * overrides with its minute.
 *
 * Nest's log calls (`new Logger(context)`) are written here, with their context but not bound to the
 * request they happen in: a line that needs its request names the request's id. Binding them took an
 * AsyncLocalStorage, whose hooks ran for every promise of every request: about 4 % of the api's thread
 * under load.
 */
@Injectable()
export class ApiLogger implements LoggerService {
  readonly pino: Logger;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pino = pino({
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-survey-token"]'], censor: '[redacted]' },
      timestamp: false,
      mixin: () => ({ time: loggedTime(false) }),
    });
  }

  readonly verbose = this.writerAt('trace');
  readonly debug = this.writerAt('debug');
  readonly log = this.writerAt('info');
  readonly warn = this.writerAt('warn');
  readonly error = this.writerAt('error');
  readonly fatal = this.writerAt('fatal');

  private writerAt(level: Level): (message: unknown, ...optionalParams: unknown[]) => void {
    return (message, ...optionalParams) => this.write(level, message, optionalParams);
  }

  /**
   * Nest passes the context last. A message may be an object of fields (with `msg`), an error, or a
   * text; Nest's exception handlers pass an error's text and then its stack.
   */
  private write(level: Level, message: unknown, optionalParams: readonly unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const params = optionalParams.slice(0, -1);
    if (optionalParams.length > 0) fields.context = optionalParams[optionalParams.length - 1];
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, ...(params as []));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message }, ...(params as []));
    } else if (level === 'error' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      this.pino[level]({ ...fields, err: Object.assign(new Error(String(message)), { stack: params[0] }) });
    } else {
      this.pino[level](fields, String(message), ...(params as []));
    }
  }
}

/**
 * One line per request, with its id, when `info` is logged; at a higher level no request writes one,
 * and none is followed. Fastify's request id is set from `X-Request-Id` (see request-id.ts), so logs,
 * responses and event metadata share it. The hook is added after the adapter's own, which marks the
 * anonymous routes' requests. A request's logger is built only when the request writes a line (see
 * `deferredChildren`).
 */
export function logRequests(app: NestFastifyApplication): void {
  const logger = app.get(ApiLogger).pino;
  if (!logger.isLevelEnabled('info')) return;
  const logRequest = pinoHttp({
    logger: deferredChildren(logger),
    serializers: { req: requestLogView, res: responseLogView },
    customSuccessObject: (request, _response, fields) => finishedRequestLogFields(request, fields),
    customErrorObject: (request, _response, _error, fields) => finishedRequestLogFields(request, fields),
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      request.raw.id = request.id;
      logRequest(request.raw, reply.raw);
      done();
    });
}

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
