import { pino, type Logger } from 'pino';
import { jest } from '@jest/globals';
import { loadConfig } from '#config';
import { ApiLogger, deferredChildren } from './api-logger.service.js';

/** A logger writing its lines into an array, with a request serializer that counts its calls. */
function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const serialized: unknown[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  const serializers = {
    req: (request: { url: string; secret: string }) => {
      serialized.push(request);
      return { url: request.url, secret: request.secret };
    },
  };
  const logger = pino({ level, timestamp: false, base: undefined, redact: { paths: ['req.secret'], censor: '[redacted]' } }, stream);
  return { logger, lines, serialized, serializers };
}

const request = { url: '/care-cases', secret: 'ql_never-logged' };

describe('deferredChildren', () => {
  it('builds no child, serialises and redacts nothing, for lines below the level', () => {
    const { logger, lines, serialized, serializers } = capturedLogger('warn');
    const child = deferredChildren(logger).child({}, { serializers }).child({ req: request });
    child.info('request completed');
    child.debug({ detail: 1 }, 'details');
    expect(lines).toEqual([]);
    expect(serialized).toEqual([]);
  });

  it('writes, from the first line at an enabled level, exactly what the child would have', () => {
    const deferred = capturedLogger('info');
    const eager = capturedLogger('info');
    const deferredChild = deferredChildren(deferred.logger).child({}, { serializers: deferred.serializers }).child({ req: request });
    const eagerChild = eager.logger.child({}, { serializers: eager.serializers }).child({ req: request });
    for (const child of [deferredChild, eagerChild]) {
      child.info({ responseTime: 3 }, 'request completed');
      child.error('failed');
    }
    expect(deferred.lines).toEqual(eager.lines);
    expect(deferred.lines[0]).toMatchObject({ req: { url: '/care-cases', secret: '[redacted]' }, responseTime: 3, msg: 'request completed' });
    expect(deferred.serialized).toHaveLength(1);
  });

  it('keeps the bindings of every generation, and the options a child was made with', () => {
    const { logger, lines } = capturedLogger('info');
    const options: { msgPrefix?: string } = { msgPrefix: '[first] ' };
    const child = deferredChildren(logger).child({ reqId: 'r-1' }, options);
    options.msgPrefix = '[changed] ';
    const grandchild: Logger = child.child({ context: 'Http' });
    grandchild.warn('slow');
    expect(lines).toEqual([{ level: 40, reqId: 'r-1', context: 'Http', msg: '[first] slow' }]);
    expect(grandchild.bindings()).toEqual({ reqId: 'r-1', context: 'Http' });
  });
});

describe('ApiLogger', () => {
  function calls(level: 'info' | 'warn' | 'error' | 'trace', write: (logger: ApiLogger) => void, logLevel = 'trace') {
    const logger = new ApiLogger(loadConfig({ LOG_LEVEL: logLevel }));
    const written = jest.spyOn(logger.pino, level).mockImplementation(() => undefined);
    write(logger);
    return written.mock.calls;
  }

  it('writes a text with the context Nest passes last, at the level of the method', () => {
    expect(calls('info', (logger) => logger.log('started', 'NestFactory'))).toEqual([[{ context: 'NestFactory' }, 'started']]);
    expect(calls('trace', (logger) => logger.verbose('mapped', 'RouterExplorer'))).toEqual([[{ context: 'RouterExplorer' }, 'mapped']]);
    expect(calls('warn', (logger) => logger.warn('no context'))).toEqual([[{}, 'no context']]);
  });

  it('writes the fields of an object, and an error as err', () => {
    const error = new Error('boom');
    expect(calls('error', (logger) => logger.error({ msg: 'GET / failed', err: error, requestId: 'r-1' }, 'Http'))).toEqual([
      [{ context: 'Http', msg: 'GET / failed', err: error, requestId: 'r-1' }],
    ]);
    expect(calls('error', (logger) => logger.error(error, 'Feed'))).toEqual([[{ context: 'Feed', err: error }]]);
  });

  it("reads Nest's exception handlers' text and stack as one error", () => {
    const stack = 'Error: boom\n    at handler (file.js:1:1)';
    const [[fields]] = calls('error', (logger) => logger.error('boom', stack, 'ExceptionsHandler')) as [[{ context: string; err: Error }]];
    expect(fields.context).toBe('ExceptionsHandler');
    expect(fields.err).toBeInstanceOf(Error);
    expect({ message: fields.err.message, stack: fields.err.stack }).toEqual({ message: 'boom', stack });
  });

  it('writes nothing below its level', () => {
    expect(calls('info', (logger) => logger.log('started', 'NestFactory'), 'warn')).toEqual([]);
  });
});
