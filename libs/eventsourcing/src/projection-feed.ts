import { inBatches } from './batches.js';
import type { EventStore } from './event-store.js';
import type { Position, RecordedEvent } from './events.js';
import type { ProjectionBatch, ReadStore } from './read-store.js';

/** A projection runner as the feed serves it. */
export interface FeedMember {
  /** The last position it has committed: the feed hands it only the events after it. */
  checkpoint(): Position | undefined;
  /** Projects and commits alone the events after its checkpoint up to `to`, to reach the feed. */
  catchUp(to: Position): Promise<void>;
  /** What it makes of events of the log, for the feed to commit with the other members' batches. */
  prepare(events: readonly RecordedEvent[]): Promise<ProjectionBatch>;
  /** Its batch is committed; `live` when the batch held whatever the log had then. */
  committed(checkpoint: Position, live: boolean): void;
}

export interface ProjectionFeedOptions {
  readonly events: EventStore;
  readonly reads: ReadStore;
  readonly batchSize?: number;
}

/**
 * One read of the log for the projections a host runs live. Each batch of events is read and decoded
 * once, handed to every member, and what they make of it is committed in one transaction of the read
 * store. A member joins at its checkpoint: behind the feed, it first catches up alone. A member whose
 * batch the store refuses, or whose projection fails, leaves with the error while the others go on.
 * The feed reads the log while it has members only.
 */
export class ProjectionFeed {
  private readonly batchSize: number;
  private run: FeedRun | undefined;

  constructor(private readonly options: ProjectionFeedOptions) {
    this.batchSize = options.batchSize ?? 1000;
  }

  /**
   * Serves `member` until `signal` aborts, then resolves once no batch of it is being committed; rejects
   * when the member must leave: its batch was refused, its projection failed, or the log or the store
   * failed for every member.
   */
  async serve(member: FeedMember, signal: AbortSignal): Promise<void> {
    let caughtUpWithHead = false;
    while (!signal.aborted) {
      const run = this.run;
      if (run !== undefined && !behind(member.checkpoint(), run.position)) return run.admit(member, signal);
      // A feed that stops reading when its last member leaves starts again at the checkpoint of the
      // next one, once that one has caught up with the head of the log as it was.
      if (run === undefined && caughtUpWithHead) return this.start(member.checkpoint()).admit(member, signal);
      const target = run !== undefined ? run.position : await this.options.events.headPosition();
      caughtUpWithHead ||= run === undefined;
      if (target !== undefined && behind(member.checkpoint(), target)) await member.catchUp(target);
    }
  }

  private start(after: Position | undefined): FeedRun {
    const run = new FeedRun(this.options, this.batchSize, after, () => {
      if (this.run === run) this.run = undefined;
    });
    this.run = run;
    return run;
  }
}

interface Membership {
  readonly member: FeedMember;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface PreparedBatch {
  readonly membership: Membership;
  readonly batch: ProjectionBatch;
}

/** One subscription to the log, from the first member's checkpoint until the last member leaves. */
class FeedRun {
  /** The last position read from the log; undefined while nothing was read of a log followed from its start. */
  position: Position | undefined;
  private readonly members = new Set<Membership>();
  private readonly abort = new AbortController();
  private delivering = false;

  constructor(
    private readonly options: ProjectionFeedOptions,
    private readonly batchSize: number,
    after: Position | undefined,
    private readonly ended: () => void,
  ) {
    this.position = after;
    void this.follow(after);
  }

  admit(member: FeedMember, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const membership: Membership = {
        member,
        signal,
        resolve,
        reject,
        // A member stopped while its batch is being committed leaves once that commit is over.
        onAbort: () => {
          if (!this.delivering) this.leave(membership);
        },
      };
      this.members.add(membership);
      signal.addEventListener('abort', membership.onAbort, { once: true });
    });
  }

  private async follow(after: Position | undefined): Promise<void> {
    try {
      const live = this.options.events.subscribeAll({ after, signal: this.abort.signal });
      for await (const events of inBatches(live, this.batchSize)) {
        this.position = events[events.length - 1]!.position;
        await this.deliver(events);
      }
      if (!this.abort.signal.aborted) throw new Error('the event subscription ended unexpectedly');
    } catch (error) {
      for (const membership of [...this.members]) this.leave(membership, error);
    }
  }

  private async deliver(events: readonly RecordedEvent[]): Promise<void> {
    this.delivering = true;
    try {
      const serving = [...this.members].filter((membership) => !membership.signal.aborted);
      const prepared = (await Promise.all(serving.map((membership) => this.prepare(membership, events)))).filter(
        (batch): batch is PreparedBatch => batch !== undefined,
      );
      if (prepared.length > 0) await this.commit(prepared, events.length < this.batchSize);
    } finally {
      this.delivering = false;
      for (const membership of [...this.members]) if (membership.signal.aborted) this.leave(membership);
    }
  }

  /** The member's batch for the events after its checkpoint; undefined when it has none, or has left. */
  private async prepare(membership: Membership, events: readonly RecordedEvent[]): Promise<PreparedBatch | undefined> {
    const share = eventsAfter(events, membership.member.checkpoint());
    if (share.length === 0) return undefined;
    try {
      return { membership, batch: await membership.member.prepare(share) };
    } catch (error) {
      this.leave(membership, error);
      return undefined;
    }
  }

  private async commit(prepared: readonly PreparedBatch[], live: boolean): Promise<void> {
    let refusals: (Error | undefined)[];
    try {
      refusals = await this.options.reads.commitBatches(prepared.map(({ batch }) => batch));
    } catch (error) {
      for (const { membership } of prepared) this.leave(membership, error);
      return;
    }
    prepared.forEach(({ membership, batch }, index) => {
      const refusal = refusals[index];
      if (refusal === undefined) membership.member.committed(batch.checkpoint, live);
      else this.leave(membership, refusal);
    });
  }

  /** Lets the member go: with `error`, the reason it must leave; the run ends with its last member. */
  private leave(membership: Membership, error?: unknown): void {
    if (!this.members.delete(membership)) return;
    membership.signal.removeEventListener('abort', membership.onAbort);
    if (error === undefined) membership.resolve();
    else membership.reject(error);
    if (this.members.size === 0) {
      this.abort.abort();
      this.ended();
    }
  }
}

/** Whether a member at `checkpoint` has yet to process `position`. */
function behind(checkpoint: Position | undefined, position: Position | undefined): boolean {
  return position !== undefined && (checkpoint === undefined || checkpoint < position);
}

/** The events after `checkpoint`: all of them but for a member that joined ahead of the feed. */
function eventsAfter(events: readonly RecordedEvent[], checkpoint: Position | undefined): readonly RecordedEvent[] {
  if (checkpoint === undefined || events[0]!.position > checkpoint) return events;
  return events.filter((event) => event.position > checkpoint);
}
