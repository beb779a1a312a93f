import type { CommandBus } from '@nestjs/cqrs';
import { DomainRuleError, ManualClock, ValidationError, type CommandResult, type Decider, type RecordedEvent, type SequencedOutcome } from '#kernel';
import { collect } from '../../../../test/support/collect.js';
import { openTempStores, type TempStores } from '../../../../test/support/temp-stores.js';
import { tally, type TallyCommand, type TallyEvent, type TallyState } from '../../../../test/support/tally.decider.js';
import type { ApiMetrics } from './api-metrics.service.js';
import type { CommandRunner, RequestCommandContext } from './command-runner.service.js';
import { EntityCommandHandler, EntityCommandSequenceHandler } from './entity-command.handler.js';
import { EntityCommand, EntityCommandSequence, type AppCommand, type SequenceEntry } from './entity-commands.js';
import type { EntityKind } from './entity-streams.js';
import { RevisionMismatchError } from './http-errors.js';

type DatedTallyCommand = TallyCommand & { readonly at: string };

const NOW = '2026-03-01T12:00:00.000Z';
const EARLIER = '2026-02-27T08:00:00.000Z';

const tallies: EntityKind<DatedTallyCommand, TallyEvent, TallyState> = {
  decider: tally as Decider<DatedTallyCommand, TallyEvent, TallyState>,
  category: 'tally',
  idOf: (command) => command.tallyId,
};

const context: RequestCommandContext = { actor: { id: 'agent-1', roles: ['care-agent'] }, correlationId: 'req-1' };

/** Metrics that note the name of every command they time, in `timed`. */
function notingMetrics(timed: string[]): ApiMetrics {
  return {
    timeCommand: <T>(command: string, work: () => Promise<T>) => {
      timed.push(command);
      return work();
    },
  } as ApiMetrics;
}

describe('the entity command handler', () => {
  let stores: TempStores;
  let handler: EntityCommandHandler;
  let timed: string[];

  const run = (command: DatedTallyCommand, ctx: RequestCommandContext = context, claim?: EntityCommand<DatedTallyCommand, TallyEvent, TallyState>) =>
    handler.execute(new EntityCommand(tallies, command, ctx, claim));
  const eventsOf = (tallyId: string): Promise<RecordedEvent[]> => collect(stores.events.readStream(`tally-${tallyId}`));

  beforeEach(() => {
    const clock = new ManualClock(NOW);
    stores = openTempStores(clock);
    timed = [];
    const runner = { dependencies: { store: stores.events, clock } } as unknown as CommandRunner;
    const metrics = notingMetrics(timed);
    const bus = { execute: (command: EntityCommand<DatedTallyCommand, TallyEvent, TallyState>) => handler.execute(command) };
    handler = new EntityCommandHandler(bus as unknown as CommandBus<AppCommand>, runner, metrics);
  });
  afterEach(() => stores.cleanup());

  it("appends to the stream of the entity the command addresses and answers with the entity's id", async () => {
    const opened = await run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER });

    expect(opened).toEqual({ id: 't1', revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect((await eventsOf('t1')).map((event) => event.type)).toEqual(['TallyOpened']);
    expect(timed).toEqual(['OpenTally']);
  });

  it('answers the id the kind names for a part of the entity', async () => {
    const opened = await handler.execute(
      new EntityCommand({ ...tallies, answerIdOf: (command) => `${command.tallyId}/count` }, { type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }, context),
    );

    expect(opened.id).toBe('t1/count');
  });

  it("dates the events by the command's own `at`, the one business time of the request", async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER });

    const [opened] = await eventsOf('t1');
    expect(opened?.metadata.occurredAt).toBe(EARLIER);
  });

  it('dates the events as the context says when it dates them otherwise than the command', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }, { ...context, occurredAt: '2026-02-27T00:00:00.000Z' });

    const [opened] = await eventsOf('t1');
    expect(opened?.metadata.occurredAt).toBe('2026-02-27T00:00:00.000Z');
  });

  it('refuses a command dated in the future under the field occurredAt, appending nothing', async () => {
    const refusal = run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: '2026-03-01T12:00:01.000Z' });

    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ errors: [{ field: 'occurredAt' }] });
    expect(await eventsOf('t1')).toEqual([]);
  });

  it('turns a conflict on the revision the client pinned into a revision mismatch (412)', async () => {
    await run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER });
    await run({ type: 'CountUp', tallyId: 't1', by: 1, at: EARLIER });

    const refusal = run({ type: 'CountUp', tallyId: 't1', by: 2, at: EARLIER }, { ...context, expectedRevision: 0 });

    await expect(refusal).rejects.toBeInstanceOf(RevisionMismatchError);
    await expect(refusal).rejects.toMatchObject({ expectedRevision: 0, currentRevision: 1 });
    expect(await eventsOf('t1')).toHaveLength(2);
  });

  it('runs the claim a command carries first, and the command only once the claim was accepted', async () => {
    await run({ type: 'OpenTally', tallyId: 'claimed', name: 'Claims', at: EARLIER });
    const claim = new EntityCommand(tallies, { type: 'CloseTally', tallyId: 'claimed', at: EARLIER }, context);

    await run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }, context, claim);
    expect((await eventsOf('claimed')).map((event) => event.type)).toEqual(['TallyOpened', 'TallyClosed']);

    const refusedClaim = new EntityCommand(tallies, { type: 'CountUp', tallyId: 'claimed', by: 1, at: EARLIER }, context);
    await expect(run({ type: 'OpenTally', tallyId: 't2', name: 'Visits', at: EARLIER }, context, refusedClaim)).rejects.toBeInstanceOf(DomainRuleError);
    expect(await eventsOf('t2')).toEqual([]);
  });

  describe('with an answer extension', () => {
    const totalOf = (result: CommandResult<TallyEvent>) => {
      const counted = result.events.find((event) => event.type === 'CountedUp');
      return { total: counted?.type === 'CountedUp' ? counted.data.total : null };
    };
    const countUp = (by: number, ctx: RequestCommandContext = context) =>
      new EntityCommand(tallies, { type: 'CountUp', tallyId: 't1', by, at: EARLIER }, ctx).answering(totalOf);

    beforeEach(() => run({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }));

    it('answers what the extension makes of the appended events, besides the id, revision and position', async () => {
      await handler.execute(countUp(2));

      const counted = await handler.execute(countUp(3));

      expect(counted).toEqual({ id: 't1', revision: 2, position: expect.stringMatching(/^\d+$/), total: 5 });
    });

    it('answers an idempotent retry from the events of the first attempt', async () => {
      const keyed = { ...context, idempotencyKey: 'count-once' };
      const first = await handler.execute(countUp(2, keyed));

      const retried = await handler.execute(countUp(2, keyed));

      expect(retried).toEqual(first);
      expect(retried.total).toBe(2);
      expect(await eventsOf('t1')).toHaveLength(2);
    });

    it('waits for the extension before answering', async () => {
      const seen: number[] = [];
      const waiting = new EntityCommand(tallies, { type: 'CountUp', tallyId: 't1', by: 1, at: EARLIER }, context).answering(async (result) => {
        seen.push(result.revision);
        await Promise.resolve();
        return { noted: true };
      });

      expect(await handler.execute(waiting)).toMatchObject({ revision: 1, noted: true });
      expect(seen).toEqual([1]);
    });

    it('keeps the claim of the command it extends', async () => {
      await run({ type: 'OpenTally', tallyId: 'claimed', name: 'Claims', at: EARLIER });
      const claim = new EntityCommand(tallies, { type: 'CloseTally', tallyId: 'claimed', at: EARLIER }, context);
      const claiming = new EntityCommand(tallies, { type: 'CountUp', tallyId: 't1', by: 4, at: EARLIER }, context, claim).answering(totalOf);

      expect(await handler.execute(claiming)).toMatchObject({ id: 't1', total: 4 });
      expect((await eventsOf('claimed')).map((event) => event.type)).toEqual(['TallyOpened', 'TallyClosed']);
    });

    it('makes no answer of a refused command', async () => {
      const made: unknown[] = [];
      const refused = new EntityCommand(tallies, { type: 'OpenTally', tallyId: 't1', name: 'Again', at: EARLIER }, context).answering((result) => {
        made.push(result);
        return {};
      });

      await expect(handler.execute(refused)).rejects.toBeInstanceOf(DomainRuleError);
      expect(made).toEqual([]);
    });
  });
});

describe('the entity command sequence handler', () => {
  let stores: TempStores;
  let single: EntityCommandHandler;
  let sequences: EntityCommandSequenceHandler;
  let timed: string[];
  let appendedStreams: string[];

  const command = (tallyCommand: DatedTallyCommand, claim?: EntityCommand<DatedTallyCommand, TallyEvent, TallyState>) =>
    new EntityCommand(tallies, tallyCommand, context, claim);
  const inTurn = (entityId: string, entries: readonly SequenceEntry<DatedTallyCommand, TallyEvent, TallyState>[]) =>
    sequences.execute(new EntityCommandSequence(tallies, entityId, entries));
  const typesOf = async (tallyId: string) => (await collect(stores.events.readStream(`tally-${tallyId}`))).map((event) => event.type);
  const shapeOf = (outcomes: readonly SequencedOutcome<TallyEvent>[]) =>
    outcomes.map((outcome) => ('refusal' in outcome ? (outcome.refusal as Error).name : outcome.result.events.map((event) => event.type).join(',')));

  beforeEach(() => {
    const clock = new ManualClock(NOW);
    stores = openTempStores(clock);
    timed = [];
    appendedStreams = [];
    const events = stores.events;
    const store = Object.create(events, {
      append: { value: (...args: Parameters<typeof events.append>) => (appendedStreams.push(args[0]), events.append(...args)) },
    });
    const runner = { dependencies: { store, clock } } as unknown as CommandRunner;
    const metrics = notingMetrics(timed);
    const bus = { execute: (claim: EntityCommand<DatedTallyCommand, TallyEvent, TallyState>) => single.execute(claim) };
    single = new EntityCommandHandler(bus as unknown as CommandBus<AppCommand>, runner, metrics);
    sequences = new EntityCommandSequenceHandler(bus as unknown as CommandBus<AppCommand>, runner, metrics);
  });
  afterEach(() => stores.cleanup());

  it('answers every entry in its place, the refusals made while building included, from one append', async () => {
    const outcomes = await inTurn('t1', [
      command({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }),
      { refusal: new ValidationError('occurredAt lies in the future', []) },
      command({ type: 'CountUp', tallyId: 't1', by: 0, at: EARLIER }),
      command({ type: 'CountUp', tallyId: 't1', by: 2, at: EARLIER }),
    ]);

    expect(shapeOf(outcomes)).toEqual(['TallyOpened', 'ValidationError', 'ValidationError', 'CountedUp']);
    expect(await typesOf('t1')).toEqual(['TallyOpened', 'CountedUp']);
    expect(appendedStreams).toEqual(['tally-t1']);
    expect(timed).toEqual(['tally sequence']);
  });

  it('appends a claim before the commands from it on, and refuses the command of a refused claim', async () => {
    await single.execute(command({ type: 'OpenTally', tallyId: 'gate', name: 'Gate', at: EARLIER }));
    appendedStreams.length = 0;
    const outcomes = await inTurn('t1', [
      command({ type: 'OpenTally', tallyId: 't1', name: 'Visits', at: EARLIER }),
      command({ type: 'CountUp', tallyId: 't1', by: 1, at: EARLIER }, command({ type: 'CountUp', tallyId: 'gate', by: 1, at: EARLIER })),
      command({ type: 'CountUp', tallyId: 't1', by: 2, at: EARLIER }),
      command({ type: 'CountUp', tallyId: 't1', by: 3, at: EARLIER }, command({ type: 'OpenTally', tallyId: 'gate', name: 'Again', at: EARLIER })),
      command({ type: 'CountUp', tallyId: 't1', by: 4, at: EARLIER }),
    ]);

    expect(shapeOf(outcomes)).toEqual(['TallyOpened', 'CountedUp', 'CountedUp', 'DomainRuleError', 'CountedUp']);
    expect(appendedStreams).toEqual(['tally-t1', 'tally-gate', 'tally-t1', 'tally-t1']);
    expect(await typesOf('gate')).toEqual(['TallyOpened', 'CountedUp']);
    const totals = (await collect(stores.events.readStream('tally-t1'))).map((event) => (event.data as { total?: number }).total);
    expect(totals).toEqual([undefined, 1, 3, 7]);
  });

  it('refuses to build a sequence that holds a command on another entity', () => {
    expect(() => new EntityCommandSequence(tallies, 't1', [command({ type: 'CountUp', tallyId: 't2', by: 1, at: EARLIER })])).toThrow(/t2/);
  });
});
