import type { RecordedEvent } from './events.js';

/** Turns the data of `type` at `fromVersion` into the data of `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: unknown): unknown;
}

/**
 * Old events are never rewritten: they are upcast on read, one version step at a time, until they
 * reach the current shape.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();
  private readonly currentVersions = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const key = UpcasterRegistry.key(upcaster.type, upcaster.fromVersion);
    if (this.steps.has(key)) {
      throw new Error(`an upcaster for ${upcaster.type} v${upcaster.fromVersion} is already registered`);
    }
    this.steps.set(key, upcaster);
    const reached = upcaster.fromVersion + 1;
    this.currentVersions.set(upcaster.type, Math.max(reached, this.currentVersions.get(upcaster.type) ?? 1));
    return this;
  }

  /** The schema version that events of `type` are written with today. */
  currentVersion(type: string): number {
    return this.currentVersions.get(type) ?? 1;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    let version = event.metadata.schemaVersion;
    let data = event.data;
    for (;;) {
      const step = this.steps.get(UpcasterRegistry.key(event.type, version));
      if (!step) break;
      data = step.upcast(data);
      version += 1;
    }
    if (version === event.metadata.schemaVersion) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }

  private static key(type: string, version: number): string {
    return `${type}@${version}`;
  }
}
