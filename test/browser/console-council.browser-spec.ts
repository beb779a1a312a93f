import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { COUNCIL, type ProgramDocument } from '#projections/council/council.projection.js';
import { until } from '../support/until.js';
import { asAdmin, type TestApp } from '../support/test-app.js';
import { ConsoleOnDemo, FILL_TIMEOUT_MS, SCREENSHOTS, describeInChromium } from './console-setup.js';

/** The council's record in Chromium: a meeting's proposals and agenda, a program's goals, and a tile as known at two moments. */

interface MeetingSummary {
  meetingId: string;
  openedAt?: string;
  proposals: number;
}

interface Proposal {
  proposalId: string;
  status: string;
  votes: { memberId: string; choice: string; reason: string }[];
  dissent: { memberId: string; opinion: string }[];
  evidence: { kind: string; id: string }[];
}

interface Goal {
  indicator: string;
  baseline: number | null;
  targetValue: number;
  current: number | null;
  onTarget: boolean;
}

interface Indicator {
  indicator: string;
  current: { value: number | null };
}

/** A meeting's pack read at two moments, each slider step apart, with an indicator known differently at each. */
interface TileChange {
  meetingId: string;
  indicator: string;
  earlier: { asOf: string; value: number | null };
  later: { asOf: string | undefined; value: number | null };
}

/** The kinds whose evidence is a stream of its own, linked to its history (as the audit views name streams). */
const STREAM_KINDS = ['inspection', 'careCase', 'survey', 'trainingPlan', 'supportTicket'];

describeInChromium('console council record in Chromium, on demo data', () => {
  let setup: ConsoleOnDemo;
  let api: TestApp;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    setup = await ConsoleOnDemo.open();
    ({ api, base, page } = setup);
    await setup.signIn();
  }, FILL_TIMEOUT_MS);

  afterAll(() => setup?.close());

  const get = <T>(path: string, query: Record<string, string> = {}) => setup.get<T>(path, query);
  const meetings = async () => (await get<{ items: MeetingSummary[] }>('/council/meetings', { limit: '200' })).items;

  /** What the page shows of each proposal, in the shape `GET /council/meetings/{id}` gives it. */
  const shownProposals = (on: Page) =>
    on.$$eval('li.proposal', (items) =>
      items.map((item) => ({
        proposalId: item.getAttribute('data-proposal'),
        status: item.querySelector('[data-testid=proposal-status]')!.textContent,
        votes: [...item.querySelectorAll('table.votes tbody tr')].map((row) => ({
          memberId: row.getAttribute('data-member'),
          choice: row.querySelector('[data-testid=choice]')!.textContent,
          reason: row.querySelector('[data-testid=reason]')!.textContent,
        })),
        dissent: [...item.querySelectorAll('.dissent li')].map((entry) => entry.getAttribute('data-member')),
        evidence: [...item.querySelectorAll('.evidence li')].map((entry) => [entry.getAttribute('data-evidence'), entry.querySelector('a')?.getAttribute('href') ?? null]),
        decisionLink: item.querySelector('[data-testid=tally] a')?.getAttribute('href') ?? null,
      })),
    );

  const expectedProposals = (proposals: Proposal[], readsDecisions: boolean) =>
    proposals.map((proposal) => ({
      proposalId: proposal.proposalId,
      status: proposal.status,
      votes: proposal.votes,
      dissent: proposal.dissent.map((entry) => entry.memberId),
      evidence: proposal.evidence.map(({ kind, id }) => [`${kind}-${id}`, STREAM_KINDS.includes(kind) ? `/console/streams/${encodeURIComponent(`${kind}-${id}`)}` : null]),
      decisionLink: readsDecisions && proposal.status !== 'pending' ? `/console/decisions/${encodeURIComponent(proposal.proposalId)}` : null,
    }));

  it("shows a meeting's proposals, votes with reasons, dissent and evidence as GET /council/meetings/{id} does, and its agenda", async () => {
    const meeting = (await meetings()).findLast((entry) => entry.proposals > 0)!;
    expect(meeting).toBeDefined();
    await page.goto(`${base}/console/meetings/${meeting.meetingId}`);
    await page.waitForSelector('li.proposal');
    await page.waitForSelector('#agenda-title ~ p:not([aria-busy])');
    const { proposals } = await get<{ proposals: Proposal[] }>(`/council/meetings/${meeting.meetingId}`);
    expect(proposals.some((proposal) => proposal.votes.length > 0)).toBe(true);
    expect(await shownProposals(page)).toEqual(expectedProposals(proposals, true));
    expect(await page.locator('.tile').count()).toBeGreaterThan(0);

    const agenda = await get<{ proposals: { proposalId: string }[]; openActions: { actionId: string; programId: string }[] }>(
      `/council/meetings/${meeting.meetingId}/agenda`,
    );
    expect(await page.$$eval('[data-agenda-proposal]', (items) => items.map((item) => item.getAttribute('data-agenda-proposal')))).toEqual(
      agenda.proposals.map((proposal) => proposal.proposalId),
    );
    expect(await page.$$eval('table.agenda-actions a', (links) => links.map((link) => link.getAttribute('href')))).toEqual(
      agenda.openActions.map((action) => `/console/programs/${encodeURIComponent(action.programId)}`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'council-meeting.png'), fullPage: true });
    await setup.expectAccessible('meeting record');

    const decided = proposals.find((proposal) => proposal.status !== 'pending');
    if (decided) {
      await page.click(`li.proposal[data-proposal="${decided.proposalId}"] [data-testid=tally] a`);
      await page.waitForSelector('[data-testid=outcome]');
      expect(new URL(page.url()).pathname).toBe(`/console/decisions/${decided.proposalId}`);
    }
  });

  it("shows a council member's key the decisions without a link to the provenance it may not read", async () => {
    const meeting = (await meetings()).findLast((entry) => entry.proposals > 0)!;
    const created = await api.http().post('/api-keys').set(asAdmin).send({ name: 'council member', roles: ['council-member'], employeeId: 'council-reader' }).expect(201);
    const member = await setup.newPage();
    await member.goto(`${base}/console`);
    await member.fill('#api-key', created.body.key as string);
    await member.click('button[type=submit]');
    await member.waitForSelector('nav');
    await member.goto(`${base}/console/meetings/${meeting.meetingId}`);
    await member.waitForSelector('li.proposal');
    const { proposals } = await get<{ proposals: Proposal[] }>(`/council/meetings/${meeting.meetingId}`);
    expect(await shownProposals(member)).toEqual(expectedProposals(proposals, false));
    await member.close();
  });

  it('lists the programs as GET /improvement-programs does, with the goals met and the actions open, each opening its page', async () => {
    await page.goto(`${base}/console`);
    await page.click('nav a:text("Programs")');
    await page.waitForSelector('tr[data-program]');
    const { items } = await get<{ items: { programId: string; goals: Goal[]; actions: { open: number } }[] }>('/improvement-programs', { limit: '200' });
    const shown = await page.$$eval('tr[data-program]', (rows) =>
      rows.map((row) => ({
        programId: row.getAttribute('data-program'),
        met: Number(row.querySelector('[data-testid=goals]')!.getAttribute('data-met')),
        open: Number(row.querySelector('[data-testid=open]')!.getAttribute('data-value')),
      })),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(
      items.map((program) => ({ programId: program.programId, met: program.goals.filter((goal) => goal.onTarget).length, open: program.actions.open })),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'council-programs.png'), fullPage: true });
    await setup.expectAccessible('programs');
    await page.click(`tr[data-program="${items[0]!.programId}"] a`);
    await page.waitForSelector('table.goals tbody tr');
    expect(new URL(page.url()).pathname).toBe(`/console/programs/${items[0]!.programId}`);
  });

  it("shows a program's goals with their progress as GET /improvement-programs/{id} does, and links its plan", async () => {
    const [program] = await api.stores.reads.find<ProgramDocument>(COUNCIL, { kind: 'program' });
    const programId = program!.data.programId;
    await page.goto(`${base}/console/programs/${programId}`);
    await page.waitForSelector('table.goals tbody tr');
    const { goals, actions } = await get<{ goals: Goal[]; actions: { actionId: string }[] }>(`/improvement-programs/${programId}`);
    const shown = await page.$$eval('table.goals tbody tr', (rows) =>
      rows.map((row) => {
        const value = (testId: string) => row.querySelector(`[data-testid=${testId}]`)!.getAttribute('data-value');
        return { indicator: row.getAttribute('data-goal'), baseline: value('baseline'), target: value('target'), current: value('current'), met: row.querySelector('[data-testid=met]')!.textContent };
      }),
    );
    expect(shown).toEqual(
      goals.map((goal) => ({
        indicator: goal.indicator,
        baseline: String(goal.baseline ?? ''),
        target: String(goal.targetValue),
        current: String(goal.current ?? ''),
        met: goal.onTarget ? 'met' : 'not yet',
      })),
    );
    expect(await page.$$eval('table.actions tbody tr', (rows) => rows.map((row) => row.getAttribute('data-action')))).toEqual(actions.map((action) => action.actionId));
    expect(await page.getAttribute('a:text("Printable plan")', 'href')).toBe(`/console/programs/${programId}/plan`);
    await page.screenshot({ path: join(SCREENSHOTS, 'council-program.png'), fullPage: true });
    await setup.expectAccessible('program');
  });

  /** The pack's "as known" readings at a moment (none: now); undefined where the API has no pack then. */
  async function knownAt(meetingId: string, asOf: string | undefined): Promise<Map<string, number | null> | undefined> {
    const response = await api.http().get(`/council/meetings/${meetingId}/pack`).set(asAdmin).query({ compare: 'now', ...(asOf && { asOf }) });
    if (response.status !== 200) return undefined;
    return new Map((response.body.now.indicators as Indicator[]).map((indicator) => [indicator.indicator, indicator.current.value]));
  }

  /** A meeting and two moments a slider step apart (one meeting's opening to the next, or to now) where the API knows an indicator differently. */
  async function findTileChange(): Promise<TileChange | undefined> {
    const openings = (await meetings()).flatMap((meeting) => (meeting.openedAt === undefined ? [] : [{ ...meeting, openedAt: meeting.openedAt }]));
    openings.sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
    for (const meeting of openings.toReversed()) {
      const moments = [...openings.filter((other) => Date.parse(other.openedAt) >= Date.parse(meeting.openedAt)).map((other) => other.openedAt), undefined];
      for (let step = 0; step + 1 < moments.length; step++) {
        const [earlierAsOf, laterAsOf] = [moments[step]!, moments[step + 1]];
        const [earlier, later] = [await knownAt(meeting.meetingId, earlierAsOf), await knownAt(meeting.meetingId, laterAsOf)];
        const indicator = earlier && later && [...earlier.keys()].find((name) => earlier.get(name) !== later.get(name));
        if (indicator) {
          return {
            meetingId: meeting.meetingId,
            indicator,
            earlier: { asOf: earlierAsOf, value: earlier.get(indicator)! },
            later: { asOf: laterAsOf, value: later!.get(indicator)! },
          };
        }
      }
    }
    return undefined;
  }

  it("moves the slider a meeting on and a tile's value as known then changes exactly as the API's pack does", async () => {
    const change = await findTileChange();
    expect(change).toBeDefined();
    const { meetingId, indicator, earlier, later } = change!;
    const known = `.tile[data-indicator="${indicator}"] [data-testid=known]`;
    await page.goto(`${base}/console/meetings/${meetingId}?asOf=${encodeURIComponent(earlier.asOf)}`);
    await page.waitForSelector(known);
    expect(await page.getAttribute(known, 'data-value')).toBe(String(earlier.value ?? ''));

    // One step on with the slider's keyboard: to the next meeting's opening, or to now after the last.
    await page.focus('#as-of');
    await page.keyboard.press('PageUp');
    await page.waitForURL((url) => (url.searchParams.get('asOf') ?? undefined) === later.asOf);
    await until('the tile shows the value known at the later moment', async () => (await page.getAttribute(known, 'data-value').catch(() => null)) === String(later.value ?? ''));
    expect(earlier.value).not.toBe(later.value);
    await setup.expectAccessible('meeting record at a later moment');
  });
});
