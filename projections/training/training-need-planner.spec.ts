import { recorded } from '#kernel/testing.js';
import type { ProgramEvent } from '#domain/council/index.js';
import { competency, gapsOf, material, VersionedDocuments } from './testing.js';
import { needPlanId, trainingNeedPlanner } from './training-need-planner.js';

const RECORDED_AT = '2026-03-02T09:00:00.000Z';
const EVENT_ID = '0190c0de-7f3a-7000-8000-000000000011';

const need: Extract<ProgramEvent, { readonly type: 'ImprovementTrainingNeedRecorded' }> = {
  type: 'ImprovementTrainingNeedRecorded',
  data: { programId: 'program-1', needId: 'need-1', competencyId: 'refunds', employeeIds: ['emp-42', 'emp-43'], positionIds: [], dueOn: '2026-04-30', recordedAt: RECORDED_AT },
};

const planner = trainingNeedPlanner();

async function proposals(documents: VersionedDocuments, position = 10n) {
  const commands = await planner.react(recorded(need, { position, eventId: EVENT_ID, metadata: { occurredAt: RECORDED_AT } }), documents.asReadStore());
  return commands.map(({ streamId, command }) => ({ streamId, command }));
}

describe('training need planner', () => {
  it('reacts to the training needs of improvement programs, once the skill gaps and the knowledge base have read them', () => {
    expect(planner).toMatchObject({ handles: ['ImprovementTrainingNeedRecorded'], awaits: ['skillGaps', 'knowledgeBase'] });
  });

  it('proposes a plan to each employee named: one item on the competency, due on the need’s day, its trigger naming the program and the need', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 5n, gapsOf(competency('refunds', 3, 1)))
      .put('knowledgeBase', 'refunds', 4n, material('refunds', ['refunds']));
    const trigger = { eventId: EVENT_ID, programId: 'program-1', needId: 'need-1', position: '10' };
    const item = { itemId: 'item-1', kind: 'material', title: 'Read refunds', materialId: 'refunds', competencyIds: ['refunds'], dueOn: '2026-04-30' };
    expect(await proposals(documents)).toEqual([
      {
        streamId: `trainingPlan-${needPlanId('program-1', 'need-1', 'emp-42')}`,
        command: {
          type: 'ProposeTrainingPlan',
          planId: needPlanId('program-1', 'need-1', 'emp-42'),
          employeeId: 'emp-42',
          sectionId: 'support',
          positionId: 'support-l1',
          trigger,
          gaps: [{ competencyId: 'refunds', required: 3, level: 1, gap: 2 }],
          items: [item],
          at: RECORDED_AT,
        },
      },
      {
        streamId: `trainingPlan-${needPlanId('program-1', 'need-1', 'emp-43')}`,
        command: { type: 'ProposeTrainingPlan', planId: needPlanId('program-1', 'need-1', 'emp-43'), employeeId: 'emp-43', trigger, gaps: [], items: [item], at: RECORDED_AT },
      },
    ]);
  });

  it('reads the gaps and the materials as they were at the need: mentoring when no current material taught the competency then', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 5n, gapsOf(competency('refunds', 3, 3)))
      .put('skillGaps', 'emp-42', 12n, gapsOf(competency('refunds', 3, 1)))
      .put('knowledgeBase', 'refunds', 11n, material('refunds', ['refunds']))
      .put('knowledgeBase', 'old', 3n, material('old', ['refunds'], 'retired'));
    const [first] = await proposals(documents);
    expect(first!.command).toMatchObject({ gaps: [], items: [{ kind: 'mentoring', title: 'Mentoring on refunds', competencyIds: ['refunds'], dueOn: '2026-04-30' }] });
  });

  it('derives each plan id from the program, the need and the employee, so that the need proposes the same plans however often it is read', async () => {
    const documents = new VersionedDocuments();
    expect(await proposals(documents)).toEqual(await proposals(documents));
    expect(needPlanId('program-1', 'need-1', 'emp-42')).not.toBe(needPlanId('program-1', 'need-2', 'emp-42'));
    expect(needPlanId('program-1', 'need-1', 'emp-42')).not.toBe(needPlanId('program-2', 'need-1', 'emp-42'));
  });
});
