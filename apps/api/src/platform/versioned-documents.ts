import { NotFoundError, type ReadStore } from '#kernel';
import { versionEntry, type PublishedVersion, type VersionEntry } from '#projections/shared/published-version.js';
import { readAsOf, type ResolvedAsOf } from './as-of.js';

/** A document that keeps every version it published, the latest last: a standard, a knowledge-base material. */
interface VersionedDocument {
  readonly versions: readonly PublishedVersion[];
}

/** A document with its current version in full and the list of its versions, as of a moment. */
export type WithVersions<D extends VersionedDocument> = Omit<D, 'versions'> & {
  readonly current: PublishedVersion;
  readonly versions: VersionEntry[];
  readonly position: string;
};

/** The versioned documents of one projection, read as of a moment; `noun` names them in a 404. */
export class VersionedDocuments<D extends VersionedDocument> {
  constructor(
    private readonly reads: ReadStore,
    private readonly projection: string,
    private readonly noun: string,
  ) {}

  async withVersions(id: string, moment: ResolvedAsOf): Promise<WithVersions<D>> {
    const { document, position } = await this.read(id, moment);
    const { versions, ...summary } = document;
    return { ...summary, current: versions[versions.length - 1]!, versions: versions.map(versionEntry), position };
  }

  /** One version exactly as it was published. */
  async version(id: string, version: number, moment: ResolvedAsOf): Promise<PublishedVersion & { readonly position: string }> {
    const { document, position } = await this.read(id, moment);
    const found = document.versions.find((candidate) => candidate.version === version);
    if (!found) throw new NotFoundError(`${this.noun} version`, `${id}@${version}`);
    return { ...found, position };
  }

  /** The document as stored, and the position it was read at. */
  async read(id: string, moment: ResolvedAsOf): Promise<{ document: D; position: string }> {
    const found = await this.reads.get<D>(this.projection, id, readAsOf(moment));
    if (!found) throw new NotFoundError(this.noun, id);
    return { document: found.data, position: found.position.toString() };
  }
}
