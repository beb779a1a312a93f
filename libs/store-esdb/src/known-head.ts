import type { Position } from '#kernel';

/**
 * What the adapter knows of where its own events end in `$all`, so that looking for the head of the
 * log reads back no further than needed. `$all` also holds the events of other installations (other
 * namespaces) and of the server, and the client cannot filter a backward read on the server: without
 * this, the head of an installation whose last event is old is found by reading back through
 * everything written since, on every call.
 *
 * It holds a `floor` and the last own position at or below it (`head`; undefined for none). What
 * holds up to the floor stays true, because positions only grow: an event appended later lands above
 * every position already readable.
 */
export class KnownHead {
  private floor: Position | undefined;
  private head: Position | undefined;

  /** The head a backward read that reached `position` can answer with, or undefined when it must read on. */
  below(position: Position): { readonly head: Position | undefined } | undefined {
    return this.floor !== undefined && position <= this.floor ? { head: this.head } : undefined;
  }

  /** Records that the last own position at or below `floor` is `head`. */
  learn(floor: Position, head: Position | undefined): void {
    if (this.floor !== undefined && floor <= this.floor) return;
    this.floor = floor;
    this.head = head;
  }

  /** An own event at `position`: the last own one at or below it is itself. */
  saw(position: Position): void {
    this.learn(position, position);
  }
}
