import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { standardDecider, type StandardCommand } from '#domain/standards/index.js';
import { FEB, JAN, MAR, publishGreeting } from '#domain/standards/testing.js';
import { standards, type StandardDocument } from './standards.projection.js';

const publish = publishGreeting;
const revise: StandardCommand = {
  type: 'ReviseStandard',
  standardId: 'greeting',
  title: 'Greeting',
  link: 'https://docs.example.org/greeting',
  changeNote: 'The text moved to the handbook',
  at: FEB,
};
const retire: StandardCommand = { type: 'RetireStandard', standardId: 'greeting', reason: 'Replaced by the phone standard', at: MAR };

/** The events the decider appends for these commands, by the actor given, recorded as the store would. */
const recordedHistory = (...steps: readonly [actor: string, command: StandardCommand][]) =>
  decidedHistory(standardDecider(), { streamOf: (command) => `standard-${command.standardId}`, roles: ['quality-inspector'] }, steps);

const eventId = (position: number) => `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`;

const firstVersion = {
  version: 1,
  title: 'Greeting a client',
  body: 'Greet the client by name within the first sentence.',
  link: null,
  changeNote: null,
  publishedAt: JAN,
  actorId: 'inspector-1',
  eventId: eventId(1),
};

const published: StandardDocument = {
  id: 'greeting',
  type: 'external',
  sectionId: 'support',
  productId: null,
  status: 'current',
  title: 'Greeting a client',
  currentVersion: 1,
  publishedAt: JAN,
  retiredAt: null,
  retirementReason: null,
  versions: [firstVersion],
};

describe('standards projection', () => {
  it('keeps a published standard with its first version', () => {
    projectionSpec(standards).given(recordedHistory(['inspector-1', publish])).thenDocuments({ greeting: published }).thenFacts([]);
  });

  it('adds each revision as the next version and keeps the earlier ones exactly as published', () => {
    projectionSpec(standards)
      .given(recordedHistory(['inspector-1', publish], ['inspector-2', revise]))
      .thenDocument('greeting', {
        ...published,
        title: 'Greeting',
        currentVersion: 2,
        versions: [
          firstVersion,
          {
            version: 2,
            title: 'Greeting',
            body: null,
            link: 'https://docs.example.org/greeting',
            changeNote: 'The text moved to the handbook',
            publishedAt: FEB,
            actorId: 'inspector-2',
            eventId: eventId(2),
          },
        ],
      });
  });

  it('marks a retired standard with when and why, keeping its versions', () => {
    const document = projectionSpec(standards)
      .given(recordedHistory(['inspector-1', publish], ['inspector-1', revise], ['admin-1', retire]))
      .documents.get('greeting')!;
    expect(document).toMatchObject({ status: 'retired', retiredAt: MAR, retirementReason: 'Replaced by the phone standard', currentVersion: 2 });
    expect(document.versions.map((version) => version.version)).toEqual([1, 2]);
  });

  it('files a standard of a product under the product', () => {
    const document = projectionSpec(standards)
      .given(recordedHistory(['inspector-1', { ...publish, owner: { productId: 'webinar-1' } }]))
      .documents.get('greeting')!;
    expect(document).toMatchObject({ sectionId: null, productId: 'webinar-1' });
  });
});
