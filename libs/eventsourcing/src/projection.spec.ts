import type { RecordedEvent } from './events.js';
import { ofTypes, projectEvent, type ProjectedDocument, type Projection } from './projection.js';
import { projectionSpec, recorded } from './testing.js';

/*
 * A fan-out: a team's document lists its members; a new motto changes the team and every member,
 * who read it from the team's document as the same event left it.
 */
type Roster = { kind: 'team'; motto: string; members: string[] } | { kind: 'member'; teamId: string; motto: string };

const team = (id: string) => `team:${id}`;

const rosters: Projection<Roster> = {
  name: 'rosters',
  version: 1,
  handles: ['TeamFormed', 'MemberJoined', 'MottoChanged'],
  documentIds: (event, read) => {
    const { teamId, memberId } = event.data as { teamId: string; memberId?: string };
    if (event.type === 'MemberJoined') return [team(teamId), memberId!];
    const roster = read(team(teamId));
    return [team(teamId), ...(roster?.kind === 'team' ? roster.members : [])];
  },
  evolve: (document, event, { read }) => {
    const { teamId, memberId, motto } = event.data as { teamId: string; memberId?: string; motto?: string };
    if (event.type === 'TeamFormed') return { kind: 'team', motto: motto!, members: [] };
    if (document?.kind === 'team') {
      return event.type === 'MemberJoined' ? { ...document, members: [...document.members, memberId!] } : { ...document, motto: motto! };
    }
    const current = read(team(teamId));
    return { kind: 'member', teamId, motto: current?.kind === 'team' ? current.motto : '' };
  },
  facts: (event, { before, after }) =>
    after?.kind === 'member' && before?.kind === 'member'
      ? [{ metric: 'motto.changes', occurredAt: event.metadata.occurredAt, dims: { teamId: after.teamId }, measures: { count: 1 } }]
      : [],
};

const formed = recorded({ type: 'TeamFormed', data: { teamId: 'red', motto: 'Onwards' } });
const joined = (memberId: string) => recorded({ type: 'MemberJoined', data: { teamId: 'red', memberId } });
const mottoChanged = (motto: string) => recorded({ type: 'MottoChanged', data: { teamId: 'red', motto } });

describe('a projection that changes several documents per event', () => {
  it('evolves every document the ids name, each reading the others as the event left them', () => {
    projectionSpec(rosters)
      .given([formed, joined('ann'), joined('bob'), mottoChanged('Together')])
      .thenDocuments({
        'team:red': { kind: 'team', motto: 'Together', members: ['ann', 'bob'] },
        ann: { kind: 'member', teamId: 'red', motto: 'Together' },
        bob: { kind: 'member', teamId: 'red', motto: 'Together' },
      });
  });

  it('takes the ids from the documents as they stood before the event', () => {
    const spec = projectionSpec(rosters).given([formed, joined('ann'), mottoChanged('Together'), joined('bob')]);
    spec.thenDocument('bob', { kind: 'member', teamId: 'red', motto: 'Together' });
  });

  it('asks for facts once per document changed', () => {
    const spec = projectionSpec(rosters).given([formed, joined('ann'), joined('bob'), mottoChanged('Together'), mottoChanged('Again')]);
    expect(spec.facts.map((fact) => fact.measures.count)).toEqual([1, 1, 1, 1]);
  });

  it('skips the documents that have seen the event, and the whole event when all of them have', () => {
    const documents = new Map<string, ProjectedDocument>();
    const history: RecordedEvent[] = [formed, joined('ann'), joined('bob')];
    for (const event of history) projectEvent(rosters as Projection<unknown>, documents, event);
    const change = mottoChanged('Together');
    documents.set('bob', { position: change.position, data: { kind: 'member', teamId: 'red', motto: 'Seen' } });

    const step = projectEvent(rosters as Projection<unknown>, documents, change);
    expect(step?.writes.map((write) => write.id)).toEqual(['team:red', 'ann']);
    expect(documents.get('bob')?.data).toEqual({ kind: 'member', teamId: 'red', motto: 'Seen' });
    expect(projectEvent(rosters as Projection<unknown>, documents, change)).toBeUndefined();
  });

  it('tells evolve which document it evolves, so that one event can create several from nothing', () => {
    const pairs: Projection<{ partner: string }> = {
      name: 'pairs',
      version: 1,
      handles: ['PairFormed'],
      documentIds: (event) => Object.values(event.data as { a: string; b: string }),
      evolve: (_document, event, { id }) => {
        const { a, b } = event.data as { a: string; b: string };
        return { partner: id === a ? b : a };
      },
    };
    projectionSpec(pairs)
      .given([recorded({ type: 'PairFormed', data: { a: 'ann', b: 'bob' } })])
      .thenDocuments({ ann: { partner: 'bob' }, bob: { partner: 'ann' } });
  });

  it('writes a document named twice only once', () => {
    const twice: Projection<Roster> = { ...rosters, documentIds: (event) => (event.type === 'TeamFormed' ? ['team:red', 'team:red'] : []) };
    const step = projectEvent(twice as Projection<unknown>, new Map(), formed);
    expect(step?.writes).toHaveLength(1);
  });
});

describe('ofTypes', () => {
  type Opened = { type: 'Opened'; data: { by: string } };
  type Closed = { type: 'Closed'; data: { at: string } };
  type Renamed = { type: 'Renamed'; data: { name: string } };
  const isLifecycle = ofTypes(['Opened', 'Closed'] as const);

  it('tells the events of its types from the rest of the union, and the compiler follows it', () => {
    const events: (Opened | Closed | Renamed)[] = [
      { type: 'Opened', data: { by: 'a' } },
      { type: 'Renamed', data: { name: 'b' } },
      { type: 'Closed', data: { at: 'c' } },
    ];
    const described = events.map((event) => {
      if (isLifecycle(event)) return event.type === 'Opened' ? `opened by ${event.data.by}` : `closed at ${event.data.at}`;
      return `renamed ${event.data.name}`;
    });
    expect(described).toEqual(['opened by a', 'renamed b', 'closed at c']);
  });
});
