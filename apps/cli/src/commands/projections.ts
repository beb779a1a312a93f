import { hostname } from 'node:os';
import {
  LeaseKeeper,
  LeaseLostError,
  projectionLease,
  ProjectionRunner,
  type Generation,
  type Lease,
  type Projection,
  type RebuildProgress,
} from '#kernel';
import type { Stores } from '#persistence';
import { ProgressBar } from '../progress.js';

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

/** A command that cannot go on; the CLI prints the message alone and exits with `exitCode`. */
export class CommandRefusedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CommandRefusedError';
  }
}

/** Exit code of a rebuild refused because another process holds the projection. */
export const PROJECTION_BUSY_EXIT_CODE = 3;

export interface RebuildOptions {
  /** How long the rebuild's lease on the projection lasts unless renewed: the projectors' `PROJECTION_LEASE_TTL_MS`. */
  readonly leaseTtlMs: number;
  /** Who the rebuild is in the lease; default this command on this machine. */
  readonly holder?: string;
}

/**
 * Rebuilds a projection under its lease, as a projector would run it: a running projector holds the
 * lease, so the rebuild is refused rather than writing beside it; while the rebuild runs, projectors
 * stand by. Every batch is committed under the lease, so a rebuild that lost it stops writing.
 */
export async function rebuildProjection(
  stores: Stores,
  projections: readonly Projection<unknown>[],
  name: string,
  options: RebuildOptions,
): Promise<void> {
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    throw new Error(`no projection named ${name}; known: ${projections.map((p) => p.name).join(', ')}`);
  }
  let leaseFailure: unknown;
  const holder = options.holder ?? `cli:${hostname()}:${process.pid}`;
  const keeper = new LeaseKeeper(stores.reads, projectionLease(name), holder, options.leaseTtlMs, (_, error) => {
    leaseFailure ??= error;
  });
  const lease = await keeper.start();
  try {
    if (leaseFailure !== undefined) throw leaseFailure;
    if (lease === undefined) {
      throw new CommandRefusedError(
        `${name} is being run by another process (a projector, or an api that runs the projections, holds its lease): ` +
          `stop it, or wait up to ${Math.ceil(options.leaseTtlMs / 1000)} s for the lease of one that stopped to expire, then rebuild again`,
        PROJECTION_BUSY_EXIT_CODE,
      );
    }
    await rebuildUnder(stores, projection, lease);
  } finally {
    await keeper.release();
  }
}

async function rebuildUnder(stores: Stores, projection: Projection<unknown>, lease: Lease): Promise<void> {
  const { name } = projection;
  const runner = new ProjectionRunner({ projection, events: stores.events, reads: stores.reads });
  const bar = new ProgressBar(name, 'events');
  const started = Date.now();
  const onProgress = ({ processed, position, head }: RebuildProgress) => bar.update(Number(position), Number(head ?? position), processed);
  let generation: Generation;
  try {
    generation = await runner.rebuild(onProgress, lease);
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error;
    throw new CommandRefusedError(
      `${name}: the rebuild lost its lease to another process and stopped; the active generation still serves reads`,
      PROJECTION_BUSY_EXIT_CODE,
    );
  } finally {
    bar.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`${name} v${projection.version} rebuilt into generation #${generation.id} in ${seconds.toFixed(1)} s`);
}
