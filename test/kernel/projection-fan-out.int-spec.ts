import { ProjectionRunner, type EventToAppend, type Projection } from '#kernel';
import { fixtureEvent } from '../support/audit.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

/**
 * A projection whose events change several documents, found through a document: a team's roster
 * lists its members, and a new motto reaches each of them. With one event per batch, every document a
 * fan-out reaches was written by an earlier batch, so the runner must load it from the store first.
 */
type Roster = { members: string[]; motto: string } | { teamId: string; motto: string };

const rosters: Projection<Roster> = {
  name: 'rosters',
  version: 1,
  handles: ['MemberJoined', 'MottoChanged'],
  documentIds: (event, read) => {
    const { teamId, memberId } = event.data as { teamId: string; memberId?: string };
    if (memberId !== undefined) return [`team:${teamId}`, memberId];
    const roster = read(`team:${teamId}`);
    return [`team:${teamId}`, ...(roster && 'members' in roster ? roster.members : [])];
  },
  evolve: (document, event, { read }) => {
    const { teamId, memberId, motto } = event.data as { teamId: string; memberId?: string; motto?: string };
    if (document === null && memberId === undefined) return { members: [], motto: motto! };
    if (document !== null && 'members' in document) {
      return memberId !== undefined ? { ...document, members: [...document.members, memberId] } : { ...document, motto: motto! };
    }
    const team = read(`team:${teamId}`);
    return { teamId, motto: team && 'members' in team ? team.motto : '' };
  },
  facts: (event, { after }) =>
    after !== null && 'teamId' in after && event.type === 'MottoChanged'
      ? [{ metric: 'roster.mottos', occurredAt: event.metadata.occurredAt, dims: { teamId: after.teamId }, measures: { reached: 1 } }]
      : [],
};

function event(type: string, data: Record<string, unknown>): EventToAppend {
  return fixtureEvent(type, data, 'a', '2026-03-02T10:00:00.000Z');
}

describe('ProjectionRunner with a fan-out projection', () => {
  let stores: TempStores;
  let runner: ProjectionRunner;

  beforeEach(() => {
    stores = openTempStores();
  });
  afterEach(async () => {
    await runner.stop();
    await stores.cleanup();
  });

  it('loads the documents a fan-out reaches from the store, batch after batch', async () => {
    await stores.events.append('team-red', [event('MottoChanged', { teamId: 'red', motto: 'Onwards' })]);
    await stores.events.append('team-red', [event('MemberJoined', { teamId: 'red', memberId: 'ann' })]);
    const before = await stores.events.append('team-red', [event('MemberJoined', { teamId: 'red', memberId: 'bob' })]);
    const last = await stores.events.append('team-red', [event('MottoChanged', { teamId: 'red', motto: 'Together' })]);
    runner = new ProjectionRunner({ projection: rosters, events: stores.events, reads: stores.reads, batchSize: 1, retryDelayMs: 10 });
    runner.start();

    expect(await runner.waitFor(last.position, 5_000)).toBe(true);
    const motto = async (id: string, asOf?: bigint) => ((await stores.reads.get<Roster>('rosters', id, { asOf }))?.data as { motto: string }).motto;
    expect([await motto('team:red'), await motto('ann'), await motto('bob')]).toEqual(['Together', 'Together', 'Together']);
    expect(await motto('ann', before.position)).toBe('Onwards');
    const facts = await stores.reads.aggregateFacts({ metric: 'roster.mottos', groupBy: { dims: ['teamId'] }, measures: ['reached'] });
    expect(facts.map((group) => group.sums.reached)).toEqual([2]);
  });
});
