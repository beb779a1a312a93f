import { jest } from '@jest/globals';
import { Controller, Get, Query, ValidationPipe, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { IsString } from 'class-validator';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { lastValueFrom, of } from 'rxjs';
import type { AppConfig } from '#config';
import { ValidationError, type Clock, type Position, type ProcessManagerHost, type ProjectionHost } from '#kernel';
import type { ProjectionPlacement, Stores } from '#persistence';
import { AsOfQuery, namedMoment, type ResolvedAsOf } from './as-of.js';
import { AsOfResolver } from './as-of-resolver.service.js';
import { DayRangeQuery } from './dto-fields.js';
import { Omittable } from './omittable.js';
import { ReadModelBehindError } from './http-errors.js';
import { ProjectionProgress } from './projection-progress.service.js';
import { readModelFault } from './read-model-check.service.js';
import { ReadModel, ReadModelInterceptor, ReadMoment, wellFormedReadFields } from './read-model.interceptor.js';
import { EVERY_READ_MODEL, ReadPipeline } from './read-pipeline.service.js';
import { EdgeValidationPipe } from './validation.pipe.js';
import { MinPositionQuery } from './read-your-writes.js';

const HEAD: Position = 10n;
const COMMITTED: Position = 7n;
const RECORDED_BY_THEN: Position = 3n;

/** A wait the progress was asked for: the position, and the projection named (none: every read model). */
type Wait = readonly [Position, string | undefined];

/** Read models run inline; every wait is recorded, and those of `behind` positions run out. */
function pipelineWith(behind: readonly Position[] = []) {
  const waits: Wait[] = [];
  const reach = async (position: Position, projection?: string) => (waits.push([position, projection]), !behind.includes(position));
  const host = {
    waitFor: async (position: Position, _timeoutMs: number, projections?: readonly string[]) =>
      projections === undefined ? reach(position) : (await Promise.all(projections.map((name) => reach(position, name)))).every(Boolean),
  } as unknown as ProjectionHost;
  const stores = {
    events: { headPosition: async () => HEAD },
    reads: { generations: async () => [{ status: 'active', checkpoint: COMMITTED }], positionAt: async () => RECORDED_BY_THEN },
  } as unknown as Stores;
  const config = { projections: 'inline', readYourWritesTimeoutMs: 50 } as AppConfig;
  const clock: Clock = { now: () => new Date('2026-03-01T00:00:00Z') };
  const onThisThread = { onThisThread: true, worker: undefined } as ProjectionPlacement;
  const progress = new ProjectionProgress(host, {} as ProcessManagerHost, onThisThread, stores, config);
  const pipeline = new ReadPipeline(stores, new AsOfResolver(stores, clock, progress), progress);
  return { pipeline, waits };
}

describe('ReadPipeline', () => {
  it('answers as of what the read model has committed when no moment is asked for, and waits for nothing', async () => {
    const { pipeline, waits } = pipelineWith();
    await expect(pipeline.resolve({}, 'things')).resolves.toEqual({ position: COMMITTED });
    expect(waits).toEqual([]);
  });

  it('marks the moment as named only when asOf named it', async () => {
    const { pipeline } = pipelineWith();
    const committed = await pipeline.resolve({ minPosition: '9' }, 'things');
    const named = await pipeline.resolve({ minPosition: '9', asOf: '4' }, 'things');
    expect(committed).toStrictEqual({ position: COMMITTED });
    expect(namedMoment(committed!)).toBeUndefined();
    expect(namedMoment(named!)).toBe(named);
  });

  it('waits once for minPosition on every read model and for asOf on its own, and passes asOf through', async () => {
    const { pipeline, waits } = pipelineWith();
    await expect(pipeline.resolve({ minPosition: '9', asOf: '4' }, 'things')).resolves.toEqual({ position: 4n, named: true });
    expect(waits).toEqual([
      [9n, undefined],
      [4n, 'things'],
    ]);
  });

  it('resolves a time to the last position recorded by then', async () => {
    const { pipeline } = pipelineWith();
    await expect(pipeline.resolve({ asOf: '2026-02-01T10:00:00+03:00' }, 'things')).resolves.toEqual({
      position: RECORDED_BY_THEN,
      time: '2026-02-01T07:00:00.000Z',
      named: true,
    });
  });

  it('refuses a minPosition or an asOf beyond the log without waiting', async () => {
    const { pipeline, waits } = pipelineWith();
    await expect(pipeline.resolve({ minPosition: '11' }, 'things')).rejects.toMatchObject({
      constructor: ValidationError,
      errors: [{ field: 'minPosition', message: 'must not exceed the last position of the log, 10' }],
    });
    await expect(pipeline.resolve({ asOf: '11' }, 'things')).rejects.toMatchObject({ errors: [{ field: 'asOf' }] });
    expect(waits).toEqual([]);
  });

  it('refuses a day range that holds no day before waiting', async () => {
    const { pipeline, waits } = pipelineWith();
    await expect(pipeline.resolve({ minPosition: '9', from: '2026-02-01', to: '2026-02-01' }, 'things')).rejects.toMatchObject({
      errors: [{ field: 'to' }],
    });
    expect(waits).toEqual([]);
  });

  it('answers READ_MODEL_BEHIND naming minPosition first when both waits run out', async () => {
    const { pipeline } = pipelineWith([9n, 4n]);
    const refusal = pipeline.resolve({ minPosition: '9', asOf: '4' }, 'things');
    await expect(refusal).rejects.toBeInstanceOf(ReadModelBehindError);
    await expect(refusal).rejects.toMatchObject({ minPosition: 9n });
    await expect(pipelineWith([4n]).pipeline.resolve({ minPosition: '9', asOf: '4' }, 'things')).rejects.toMatchObject({ minPosition: 4n });
  });

  it('only waits for minPosition on a route of every read model, and answers no moment', async () => {
    const { pipeline, waits } = pipelineWith();
    await expect(pipeline.resolve({ minPosition: '9' }, EVERY_READ_MODEL)).resolves.toBeUndefined();
    expect(waits).toEqual([[9n, undefined]]);
  });
});

class ThingsQuery extends DayRangeQuery {
  @Omittable()
  @IsString()
  readonly cursor?: string;
}

@Controller('things')
class ThingsController {
  @Get()
  @ReadModel('things')
  list(@Query() _query: ThingsQuery, @ReadMoment() moment: ResolvedAsOf): ResolvedAsOf {
    return moment;
  }
}

function contextOf(query: Record<string, unknown>) {
  const request = { query } as unknown as FastifyRequest;
  const handler = Object.getOwnPropertyDescriptor(ThingsController.prototype, 'list')!.value as () => unknown;
  const context = {
    getClass: () => ThingsController,
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

/** A query with a `from` of its own, a month: no day range of the read pipeline's. */
class MonthsQuery extends AsOfQuery {
  @Omittable()
  @IsString()
  readonly from?: string;
}

describe('wellFormedReadFields', () => {
  it('reads the read fields of the class a query extends, not a field of its own of the same name', async () => {
    expect(await wellFormedReadFields(new EdgeValidationPipe(), MonthsQuery, { from: '2026-05', asOf: '7' })).toEqual({ minPosition: undefined, asOf: '7' });
  });

  it('answers nothing for a query its DTO refuses, and no field for a DTO without read fields', async () => {
    expect(await wellFormedReadFields(new EdgeValidationPipe(), MonthsQuery, { from: 5 })).toBeUndefined();
    expect(await wellFormedReadFields(new EdgeValidationPipe(), undefined, { from: '2026-05' })).toEqual({});
  });
});

describe('ReadModelInterceptor', () => {
  const handled: CallHandler = { handle: () => of('answered') };

  it('resolves the moment of the declared read model before the handler runs', async () => {
    const { pipeline, waits } = pipelineWith();
    const { context, request } = contextOf({ minPosition: '9', asOf: '4', cursor: 'ignored' });
    await expect(lastValueFrom(await new ReadModelInterceptor(new Reflector(), pipeline, new EdgeValidationPipe()).intercept(context, handled))).resolves.toBe('answered');
    expect(request.readMoment).toEqual({ position: 4n, named: true });
    expect(waits).toEqual([
      [9n, undefined],
      [4n, 'things'],
    ]);
  });

  it("validates the query once: the route's pipe then takes the instance the interceptor's check made", async () => {
    const validation = new EdgeValidationPipe();
    const validations = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const { context, request } = contextOf({ asOf: '4' });
      await new ReadModelInterceptor(new Reflector(), pipelineWith().pipeline, validation).intercept(context, handled);
      const instance = await validation.transform(request.query, { type: 'query', metatype: ThingsQuery });
      expect(instance).toBeInstanceOf(ThingsQuery);
      expect(validations).toHaveBeenCalledTimes(1);
    } finally {
      validations.mockRestore();
    }
  });

  it('leaves malformed read fields to validation: it neither waits nor refuses', async () => {
    const { pipeline, waits } = pipelineWith();
    for (const query of [{ minPosition: 'soon' }, { asOf: 'yesterday' }, { minPosition: ['1', '2'] }, { from: '2026-13-01' }]) {
      const { context, request } = contextOf(query);
      await expect(lastValueFrom(await new ReadModelInterceptor(new Reflector(), pipeline, new EdgeValidationPipe()).intercept(context, handled))).resolves.toBe('answered');
      expect(request.readMoment).toBeUndefined();
    }
    expect(waits).toEqual([]);
  });

  it('leaves a request with any other malformed or unknown field to validation, without waiting', async () => {
    const { pipeline, waits } = pipelineWith([9n]);
    for (const query of [{ minPosition: '9', cursor: ['a', 'b'] }, { minPosition: '9', colour: 'red' }, { asOf: '4', minPosition: '11', colour: 'red' }]) {
      const { context, request } = contextOf(query);
      await expect(lastValueFrom(await new ReadModelInterceptor(new Reflector(), pipeline, new EdgeValidationPipe()).intercept(context, handled))).resolves.toBe('answered');
      expect(request.readMoment).toBeUndefined();
    }
    expect(waits).toEqual([]);
  });

  it('refuses a minPosition beyond the log before the handler runs', async () => {
    const { pipeline } = pipelineWith();
    const { context } = contextOf({ minPosition: '11' });
    const handler = { handle: jest.fn(() => of('answered')) };
    await expect(new ReadModelInterceptor(new Reflector(), pipeline, new EdgeValidationPipe()).intercept(context, handler)).rejects.toBeInstanceOf(ValidationError);
    expect(handler.handle).not.toHaveBeenCalled();
  });
});

class Undeclared {
  @Get()
  read(@Query() _query: MinPositionQuery): void {}
}

class EveryButAsOf {
  @Get()
  @ReadModel(EVERY_READ_MODEL)
  read(@Query() _query: AsOfQuery): void {}
}

class EveryButMoment {
  @Get()
  @ReadModel(EVERY_READ_MODEL)
  read(@Query() _query: MinPositionQuery, @ReadMoment() _moment: ResolvedAsOf): void {}
}

class Declared {
  @Get()
  @ReadModel(EVERY_READ_MODEL)
  waits(@Query() _query: MinPositionQuery): void {}

  @Get(':id')
  @ReadModel('things')
  reads(@Query() _query: AsOfQuery, @ReadMoment() _moment: ResolvedAsOf): void {}

  @Get('plain')
  plain(): void {}
}

describe('readModelFault', () => {
  const reflector = new Reflector();

  it('refuses a route that takes minPosition without declaring its read model', () => {
    expect(readModelFault(reflector, Undeclared, 'read')).toMatch(/minPosition without @ReadModel/);
  });

  it('refuses a route of every read model that takes asOf or a moment', () => {
    expect(readModelFault(reflector, EveryButAsOf, 'read')).toMatch(/takes asOf/);
    expect(readModelFault(reflector, EveryButMoment, 'read')).toMatch(/takes @ReadMoment\(\)/);
  });

  it('accepts routes that declare what they read, and routes without read fields', () => {
    expect(['waits', 'reads', 'plain'].map((method) => readModelFault(reflector, Declared, method))).toEqual([undefined, undefined, undefined]);
  });
});
