import type { Decider } from './decider.js';
import type { DomainEvent } from './events.js';
import type { EventStore } from './event-store.js';

type Fold<E extends DomainEvent, S> = Pick<Decider<never, E, S>, 'initialState' | 'evolve'>;

interface Folded {
  readonly evolve: object;
  /** The fold's initial state as JSON. */
  readonly initial: string;
  readonly state: unknown;
  readonly revision: number;
}

/**
 * The states of the streams read last, each folded up to a revision, so that a stream read again is
 * read from there on rather than replayed whole: a survey that thousands of answers are checked
 * against is folded once per process. Safe because `evolve` never changes the state it is given (the
 * deciders' rule) and streams only grow. A state is remembered per fold, since two deciders may fold
 * one stream differently; a fold is its `evolve` function and its initial state, not the decider
 * object, so that the services that each make their own decider of one kind share what they fold
 * where `evolve` is a function of the decider's module. The least recently read go first past
 * `capacity`.
 */
export class FoldedStates {
  private readonly folded = new Map<string, Folded>();
  private readonly initialStates = new WeakMap<object, string>();

  constructor(private readonly capacity: number) {}

  async stateOf<E extends DomainEvent, S>(store: EventStore, fold: Fold<E, S>, streamId: string): Promise<{ state: S; revision: number }> {
    const known = this.folded.get(streamId);
    const initial = this.initialOf(fold);
    const kept = known?.evolve === fold.evolve && known.initial === initial ? known : undefined;
    let state = kept === undefined ? fold.initialState() : (kept.state as S);
    let revision = kept?.revision ?? -1;
    for await (const event of store.readStream(streamId, { fromRevision: revision + 1 })) {
      state = fold.evolve(state, event as unknown as E);
      revision = event.revision;
    }
    this.remember(streamId, { evolve: fold.evolve, initial, state, revision });
    return { state, revision };
  }

  private initialOf(fold: Fold<never, unknown>): string {
    let initial = this.initialStates.get(fold);
    if (initial === undefined) this.initialStates.set(fold, (initial = JSON.stringify(fold.initialState())));
    return initial;
  }

  private remember(streamId: string, folded: Folded): void {
    this.folded.delete(streamId);
    this.folded.set(streamId, folded);
    if (this.folded.size > this.capacity) this.folded.delete(this.folded.keys().next().value!);
  }
}
