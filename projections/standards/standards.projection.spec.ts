import type { RecordedEvent } from '#libs/eventsourcing/src/index.js';
import { projectionSpec, recorded } from '#libs/eventsourcing/src/testing.js';
import { standardDecider, type StandardCommand, type StandardEvent, type StandardState } from '#libs/domain/standards/index.js';
import { standards, type StandardDocument } from './standards.projection.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

const publish: StandardCommand = {
  type: 'PublishStandard',
  standardId: 'greeting',
  standardType: 'external',
  owner: { sectionId: 'support' },
  ownerActive: true,
  title: 'Greeting a client',
  body: 'Greet the client by name.',
  at: JAN,
};
const revise: StandardCommand = {
  type: 'ReviseStandard',
  standardId: 'greeting',
  title: 'Greeting',
  link: 'https://docs.example.org/greeting',
  changeNote: 'The text moved to the handbook',
  at: FEB,
};
const retire: StandardCommand = { type: 'RetireStandard', standardId: 'greeting', reason: 'Replaced by the phone standard', at: MAR };

/** The events the decider appends for these commands, recorded as the store would. */
function recordedHistory(...steps: readonly [actor: string, command: StandardCommand][]): RecordedEvent[] {
  const decider = standardDecider();
  let state: StandardState = decider.initialState();
  const history: RecordedEvent[] = [];
  for (const [actor, command] of steps) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      history.push(
        recorded<StandardEvent>(event, {
          position: BigInt(history.length + 1),
          streamId: `standard-${command.standardId}`,
          revision: history.length,
          metadata: { occurredAt: command.at, actor: { id: actor, roles: ['quality-inspector'] } },
        }),
      );
    }
  }
  return history;
}

const eventId = (position: number) => `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`;

const firstVersion = {
  version: 1,
  title: 'Greeting a client',
  body: 'Greet the client by name.',
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
