import type { Projection } from '#libs/eventsourcing/src/index.js';
import { apiKeys } from './access/api-keys.projection.js';
import { careCases } from './care/index.js';
import { eventActivity } from './event-activity/event-activity.projection.js';

/** Every read model of the product; the runners, the CLI and the bench take them from here. */
export const allProjections: readonly Projection<unknown>[] = [eventActivity, apiKeys, careCases];
