import { pino, type Logger } from 'pino';
import { deferredChildren } from './logging.js';

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
