import type { INestApplicationContext } from '@nestjs/common';
import { ProcessManagerHost } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { ProjectionProgress } from '../../../api/src/platform/projection-progress.service.js';

/**
 * Waits until the process managers have reacted to every event of the log, and the read models hold
 * the events and whatever the managers appended meanwhile. Each wait is bounded by the app's
 * read-your-writes bound, which the demo sets as long as a fill may need.
 */
export async function settledLog(app: INestApplicationContext): Promise<void> {
  const stores = app.get<Stores>(STORES);
  const processManagers = app.get(ProcessManagerHost);
  const projections = app.get(ProjectionProgress);
  const managers = processManagers.status().map(({ name }) => processManagers.runner(name)!);
  for (;;) {
    const head = (await stores.events.headPosition()) ?? 0n;
    const reacted = await Promise.all(managers.map((manager) => manager.waitFor(head, projections.timeoutMs)));
    if (!reacted.every(Boolean)) throw new Error(`the process managers did not reach position ${head} in time`);
    if (((await stores.events.headPosition()) ?? 0n) !== head) continue;
    if (!(await projections.reached(head))) throw new Error(`the read models did not reach position ${head} in time; run the api to let them catch up`);
    return;
  }
}
