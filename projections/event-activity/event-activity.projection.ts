import { categoryOf, type Projection } from '#libs/eventsourcing/src/index.js';

export const EVENT_ACTIVITY_METRIC = 'events.recorded';

/**
 * How much is recorded, by event type, stream category and actor, per business date: the activity
 * of the department as a metric, and a cheap check that every event reaches the read side.
 */
export const eventActivity: Projection = {
  name: 'eventActivity',
  version: 1,
  handles: 'all',
  facts: (event) => [
    {
      metric: EVENT_ACTIVITY_METRIC,
      occurredAt: event.metadata.occurredAt,
      dims: { type: event.type, category: categoryOf(event.streamId), actor: event.metadata.actor.id },
      measures: { count: 1 },
    },
  ],
};
