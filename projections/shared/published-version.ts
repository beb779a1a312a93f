import type { DomainEvent, RecordedEvent } from '#kernel';

/** One version of a versioned document (a standard, a knowledge-base material), exactly as it was published. Absent content is null. */
export interface PublishedVersion {
  readonly version: number;
  readonly title: string;
  readonly body: string | null;
  readonly link: string | null;
  /** Why this version changed the document; null for version 1. */
  readonly changeNote: string | null;
  /** Business time the version was published. */
  readonly publishedAt: string;
  readonly actorId: string;
  readonly eventId: string;
}

/** A version as the list of a document's versions shows it, without its content. */
export type VersionEntry = Pick<PublishedVersion, 'version' | 'title' | 'changeNote' | 'publishedAt' | 'actorId'>;

/** What an event that publishes a version says. */
export interface VersionContent {
  readonly title: string;
  readonly body?: string;
  readonly link?: string;
  readonly changeNote?: string;
}

/** The version an event publishes: its content, when, by whom, and the event. */
export function publishedVersion(event: RecordedEvent<DomainEvent<string, VersionContent>>, version: number, publishedAt: string): PublishedVersion {
  const { title, body, link, changeNote } = event.data;
  return {
    version,
    title,
    body: body ?? null,
    link: link ?? null,
    changeNote: changeNote ?? null,
    publishedAt,
    actorId: event.metadata.actor.id,
    eventId: event.eventId,
  };
}

export function versionEntry({ version, title, changeNote, publishedAt, actorId }: PublishedVersion): VersionEntry {
  return { version, title, changeNote, publishedAt, actorId };
}
