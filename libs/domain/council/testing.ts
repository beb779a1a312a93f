import type { Decider, DomainEvent } from '#kernel';
import { catalogue } from '../competence/testing.js';
import type { MetricsPack } from './meeting.events.js';
import type { RecordTrainingNeed } from './program.commands.js';

/** The events a decider appends for these commands, one after the other on one stream: a history for specs. */
export function eventsOf<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, commands: readonly C[]): E[] {
  let state = decider.initialState();
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return events;
}

/** A recorded pack of one indicator, for the specs of the commands that carry one. */
export const SAMPLE_PACK: MetricsPack = {
  periodRule: 'complete-weeks-before',
  periods: { current: { from: '2026-02-23', to: '2026-03-02' }, previous: { from: '2026-02-16', to: '2026-02-23' } },
  indicators: [
    {
      indicator: 'care.retentionShare',
      definitionVersion: 1,
      unit: 'share',
      target: 0.6,
      direction: 'higher-is-better',
      sampleOf: 'decided cases',
      current: { value: 0.5, deviation: 0.5 - 0.6, onTarget: false, sample: 4 },
      previous: { value: null, deviation: null, onTarget: null, sample: 0 },
    },
  ],
};

/** A training need of program prog-1: regs (of the competence fixtures' catalogue) for emp-1 and the holders of line-1, emp-2 and emp-1, by April 30. */
export function trainingNeed(at: string, change: Partial<RecordTrainingNeed> = {}): RecordTrainingNeed {
  return {
    type: 'RecordTrainingNeed',
    programId: 'prog-1',
    needId: 'need-1',
    competencyId: 'regs',
    employeeIds: ['emp-1'],
    positionIds: ['line-1'],
    positionHolders: { 'line-1': ['emp-2', 'emp-1'] },
    catalogue,
    dueOn: '2026-04-30',
    at,
    ...change,
  };
}
