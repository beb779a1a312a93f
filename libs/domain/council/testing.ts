import type { Decider, DomainEvent } from '#kernel';

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
