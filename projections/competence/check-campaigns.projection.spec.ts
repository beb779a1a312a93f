import { fold, type DomainEvent, type RecordedEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import {
  checkAttemptDecider,
  checkAttemptId,
  checkCampaignDecider,
  DEFAULT_PROFICIENCY_SCALE,
  type CheckAttemptCommand,
  type CheckAttemptStarted,
  type CheckQuestion,
  type KnowledgeCheckState,
} from '#domain/competence/index.js';
import {
  attemptDocumentId,
  campaignDocumentId,
  checkCampaigns,
  participantDocumentId,
  type AttemptDocument,
  type ParticipantDocument,
} from './check-campaigns.projection.js';
import { participationReport } from './check-campaigns.views.js';

const MAY = '2026-05-12T09:00:00.000Z';
const SAVED = '2026-05-12T09:10:00.000Z';
const RESAVED = '2026-05-12T09:20:00.000Z';
const SUBMITTED = '2026-05-12T09:30:00.000Z';
const MARKED = '2026-05-14T09:00:00.000Z';
const LATE = '2026-07-02T09:00:00.000Z';

const options = [
  { optionId: 'a', text: 'A' },
  { optionId: 'b', text: 'B' },
];
const questions: CheckQuestion[] = [
  { questionId: 's1', kind: 'single', text: 'Refund window?', competencyId: 'regs', points: 1, options, correctOptionIds: ['a'] },
  { questionId: 'o1', kind: 'open', text: 'Log a call', competencyId: 'crm', points: 4 },
];
const check: KnowledgeCheckState = { status: 'active', checkId: 'chk', openBook: true, questions, lastChangedAt: MAY };
const employed = { status: 'employed', positionId: 'line-1' } as const;

const campaignDecider = checkCampaignDecider();
const created = campaignDecider.decide(
  {
    type: 'CreateCheckCampaign',
    campaignId: 'q2',
    checkId: 'chk',
    check,
    title: 'Regulations, Q2',
    audience: { positionIds: ['line-1'] },
    namedEmployees: new Map(),
    members: ['ann', 'bob', 'cid', 'dan'],
    at: MAY,
  },
  campaignDecider.initialState(),
);
const campaign = fold(campaignDecider, created);

const attemptDecider = checkAttemptDecider();
const address = (employeeId: string) => ({ campaignId: 'q2', employeeId });
const start = (employeeId: string, at = MAY): CheckAttemptCommand => ({ type: 'StartCheckAttempt', ...address(employeeId), campaign, check, employee: employed, at });
const save = (employeeId: string, text: string, at: string): CheckAttemptCommand => ({
  type: 'SaveCheckAnswers',
  ...address(employeeId),
  check,
  answers: [{ questionId: 'o1', text }],
  at,
});
const chooseA = (employeeId: string, at: string): CheckAttemptCommand => ({ type: 'SaveCheckAnswers', ...address(employeeId), check, answers: [{ questionId: 's1', optionIds: ['a'] }], at });
const submit = (employeeId: string, at = SUBMITTED): CheckAttemptCommand => ({
  type: 'SubmitCheckAttempt',
  ...address(employeeId),
  check,
  employee: employed,
  scale: DEFAULT_PROFICIENCY_SCALE,
  at,
});
const mark: CheckAttemptCommand = {
  type: 'MarkCheckAnswers',
  ...address('ann'),
  check,
  employee: employed,
  scale: DEFAULT_PROFICIENCY_SCALE,
  marks: [{ questionId: 'o1', points: 3, comment: 'Forgets the tag' }],
  marker: { actorId: 'apiKey:trainer', employeeId: 'emp-trainer' },
  at: MARKED,
};

/** The events of one employee's attempt, decided in turn. */
function attemptOf(...commands: CheckAttemptCommand[]): DomainEvent[] {
  const events: DomainEvent[] = [];
  let state = attemptDecider.initialState();
  for (const command of commands) {
    const decided = attemptDecider.decide(command, state);
    state = decided.reduce(attemptDecider.evolve, state);
    events.push(...decided);
  }
  return events;
}

function inOrder(...events: DomainEvent[]): RecordedEvent[] {
  return events.map((event, index) => recorded(event, { position: BigInt(index + 1) }));
}

/** ann answers both, the open one twice, and is marked; bob is started; cid submits nothing but the choice, after the due day; dan never starts. */
const ann = attemptOf(start('ann'), chooseA('ann', SAVED), save('ann', 'Log it', SAVED), save('ann', 'Log it with a tag', RESAVED), submit('ann'), mark);
const bob = attemptOf(start('bob'));
const cid = attemptOf(start('cid', LATE), chooseA('cid', LATE), submit('cid', LATE));
const history = inOrder(...created, ...ann, ...bob, ...cid);

const participant = (employeeId: string, change: Partial<ParticipantDocument>): ParticipantDocument => ({
  entity: 'participant',
  campaignId: 'q2',
  employeeId,
  attemptId: checkAttemptId(address(employeeId)),
  checkId: 'chk',
  title: 'Regulations, Q2',
  opensOn: '2026-05-12',
  dueOn: '2026-06-30',
  createdAt: MAY,
  status: 'not-started',
  startedAt: null,
  submittedAt: null,
  completedAt: null,
  awaitingMarking: [],
  ...change,
});

describe('check campaigns projection', () => {
  it('keeps the campaign and a document per participant, none of whom has started', () => {
    projectionSpec(checkCampaigns)
      .given(inOrder(...created))
      .thenDocuments({
        [campaignDocumentId('q2')]: {
          entity: 'campaign',
          id: 'q2',
          checkId: 'chk',
          title: 'Regulations, Q2',
          audience: { employeeIds: [], positionIds: ['line-1'], sectionIds: [] },
          participantIds: ['ann', 'bob', 'cid', 'dan'],
          opensOn: '2026-05-12',
          dueOn: '2026-06-30',
          createdAt: MAY,
        },
        ...Object.fromEntries(['ann', 'bob', 'cid', 'dan'].map((employeeId) => [participantDocumentId('q2', employeeId), participant(employeeId, {})])),
      });
  });

  it('follows each participant from the start to the submission, the marking, and the completion', () => {
    projectionSpec(checkCampaigns)
      .given(history)
      .thenDocument(participantDocumentId('q2', 'ann'), participant('ann', { status: 'completed', startedAt: MAY, submittedAt: SUBMITTED, completedAt: MARKED }))
      .thenDocument(participantDocumentId('q2', 'bob'), participant('bob', { status: 'in-progress', startedAt: MAY }))
      .thenDocument(participantDocumentId('q2', 'cid'), participant('cid', { status: 'completed', startedAt: LATE, submittedAt: LATE, completedAt: LATE }))
      .thenDocument(participantDocumentId('q2', 'dan'), participant('dan', {}));
  });

  it('waits for the marking of an open answer', () => {
    projectionSpec(checkCampaigns)
      .given(history.filter((event) => event.type !== 'KnowledgeCheckAnswersMarked'))
      .thenDocument(participantDocumentId('q2', 'ann'), participant('ann', { status: 'awaiting-marking', startedAt: MAY, submittedAt: SUBMITTED, awaitingMarking: ['o1'] }));
  });

  it("keeps each attempt's questions in its order, the answers saved last and the points with who marked them, in that order", () => {
    const attemptId = checkAttemptId(address('ann'));
    const [started] = ann as [CheckAttemptStarted];
    const shown = started.data.questions;
    const { documents } = projectionSpec(checkCampaigns).given(history);
    const attempt = documents.get(attemptDocumentId(attemptId)) as AttemptDocument;
    const inShownOrder = <T extends { questionId: string }>(entries: T[]) =>
      [...entries].sort((a, b) => shown.findIndex((q) => q.questionId === a.questionId) - shown.findIndex((q) => q.questionId === b.questionId));
    expect(attempt).toEqual({
      entity: 'attempt',
      id: attemptId,
      campaignId: 'q2',
      employeeId: 'ann',
      checkId: 'chk',
      questions: shown,
      answers: inShownOrder([{ questionId: 's1', optionIds: ['a'] }, { questionId: 'o1', text: 'Log it with a tag' }]),
      points: inShownOrder([
        { questionId: 's1', points: 1, markerId: null },
        { questionId: 'o1', points: 3, comment: 'Forgets the tag', markerId: 'emp-trainer' },
      ]),
      startedAt: MAY,
      lastChangedAt: MARKED,
    });
    expect(documents.has(attemptDocumentId(checkAttemptId(address('dan'))))).toBe(false);
  });

  it('reports who took the check, who did not, who is overdue on a day and who was late', () => {
    const { documents } = projectionSpec(checkCampaigns).given(history);
    const participants = ['ann', 'bob', 'cid', 'dan'].map((employeeId) => documents.get(participantDocumentId('q2', employeeId)) as ParticipantDocument);
    const campaignDocument = documents.get(campaignDocumentId('q2'));
    if (campaignDocument?.entity !== 'campaign') throw new Error('no campaign');

    const inTime = participationReport(campaignDocument, participants, '2026-06-30');
    expect(inTime.counts).toEqual({ participants: 4, notStarted: 1, inProgress: 1, awaitingMarking: 0, completed: 2, overdue: 0, late: 1 });

    const after = participationReport(campaignDocument, participants, '2026-07-01');
    expect(after.counts).toMatchObject({ overdue: 2, late: 1 });
    expect(after.participants.map(({ employeeId, status, overdue, late }) => ({ employeeId, status, overdue, late }))).toEqual([
      { employeeId: 'ann', status: 'completed', overdue: false, late: false },
      { employeeId: 'bob', status: 'in-progress', overdue: true, late: false },
      { employeeId: 'cid', status: 'completed', overdue: false, late: true },
      { employeeId: 'dan', status: 'not-started', overdue: true, late: false },
    ]);
  });
});
