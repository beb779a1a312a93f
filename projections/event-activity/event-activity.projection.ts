import { disclosedParts } from '#domain/catalogue/event-visibility.js';
import { categoryOf, type Projection } from '#kernel';

export const EVENT_ACTIVITY_METRIC = 'events.recorded';

/**
 * How much is recorded, by event type, stream category and actor, per business date: the activity
 * of the department as a metric, and a cheap check that every event reaches the read side. Its facts
 * hold what readers may see of an event's metadata: an anonymous answer counts on its day only.
 */
export const eventActivity: Projection = {
  name: 'eventActivity',
  version: 2,
  handles: 'all',
  facts: (event) => {
    const { metadata } = disclosedParts(event.type, event.data, event.metadata);
    return [
      {
        metric: EVENT_ACTIVITY_METRIC,
        occurredAt: metadata.occurredAt,
        dims: { actor: metadata.actor.id, category: categoryOf(event.streamId), type: event.type },
        measures: { count: 1 },
      },
    ];
  },
};
