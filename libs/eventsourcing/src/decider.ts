import type { DomainEvent } from './events.js';

/**
 * An aggregate as three pure functions. Time, ids and the actor arrive inside the command; `decide`
 * never reads a clock. Rule violations throw typed errors (`DomainRuleError`, `ValidationError`).
 */
export interface Decider<C, E extends DomainEvent, S> {
  initialState(): S;
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
}

export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
): S {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
