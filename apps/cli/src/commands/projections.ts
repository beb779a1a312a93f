import { SingleBar } from 'cli-progress';
import { ProjectionRunner, type Projection, type RebuildProgress } from '#libs/eventsourcing/src/index.js';
import type { Stores } from '#libs/persistence/src/index.js';

export async function listProjections(stores: Stores, projections: readonly Projection<unknown>[]): Promise<void> {
  const head = (await stores.events.headPosition()) ?? 0n;
  const rows = [];
  for (const projection of projections) {
    const generations = await stores.reads.generations(projection.name);
    const active = generations.find((g) => g.status === 'active');
    const building = generations.filter((g) => g.status === 'building');
    const checkpoint = active?.checkpoint ?? 0n;
    rows.push({
      projection: projection.name,
      version: projection.version,
      'active generation': active ? `#${active.id} (v${active.version})` : 'none',
      checkpoint: active?.checkpoint?.toString() ?? '-',
      lag: (head > checkpoint ? head - checkpoint : 0n).toString(),
      building: building.map((g) => `#${g.id} (v${g.version})`).join(', ') || '-',
      'needs rebuild': active && active.version !== projection.version ? 'yes' : 'no',
    });
  }
  console.table(rows);
}

export async function rebuildProjection(
  stores: Stores,
  projections: readonly Projection<unknown>[],
  name: string,
): Promise<void> {
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    throw new Error(`no projection named ${name}; known: ${projections.map((p) => p.name).join(', ')}`);
  }
  const runner = new ProjectionRunner({ projection, events: stores.events, reads: stores.reads });
  const bar = new SingleBar({
    format: `${name} |{bar}| {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}`,
    hideCursor: true,
    etaBuffer: 50,
  });
  const started = Date.now();
  let total = 0;
  const onProgress = ({ processed, position, head }: RebuildProgress) => {
    const target = Number(head ?? position);
    if (total === 0) bar.start(Math.max(target, 1), 0, { events: 0, rate: 0 });
    total = target;
    const seconds = (Date.now() - started) / 1000;
    bar.update(Math.min(Number(position), target), { events: processed, rate: Math.round(processed / Math.max(seconds, 0.001)) });
  };
  const generation = await runner.rebuild(onProgress);
  if (total > 0) bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(`${name} v${projection.version} rebuilt into generation #${generation.id} in ${seconds.toFixed(1)} s`);
}
