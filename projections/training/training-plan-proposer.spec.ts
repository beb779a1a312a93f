import type { RecordedOf } from '#kernel';
import { recorded } from '#kernel/testing.js';
import type { CompetencyAssessed, SelfAssessmentValidated } from '#domain/competence/index.js';
import type { AssessmentEvent } from '#domain/training/index.js';
import { competency, gapsOf, material, VersionedDocuments } from './testing.js';
import { proposedPlanId, trainingPlanProposer } from './training-plan-proposer.js';
import type { TrainingPlanDocument } from './training-plans.projection.js';

/** A plan of emp-42 proposed for the assessment at `triggeredAt`, whose items address `competencyIds`. */
const planOf = (id: string, status: string, competencyIds: string[], triggeredAt = 5n) =>
  ({ id, employeeId: 'emp-42', status, trigger: { position: String(triggeredAt) }, gaps: [], items: [{ competencyIds }] }) as unknown as TrainingPlanDocument;

const ASSESSED_AT = '2026-03-02T09:00:00.000Z';

function assessed(position: bigint, validated = true): RecordedOf<AssessmentEvent> {
  const event: CompetencyAssessed = {
    type: 'CompetencyAssessed',
    data: { assessmentId: 'assessment-7', employeeId: 'emp-42', competencyId: 'refunds', level: 1, source: validated ? 'check' : 'self', assessorId: 'emp-lead', assessedAt: ASSESSED_AT, validated },
  };
  return recorded(event, { position, eventId: '0190c0de-7f3a-7000-8000-000000000007', metadata: { occurredAt: ASSESSED_AT } });
}

const proposer = trainingPlanProposer();

async function proposal(documents: VersionedDocuments, event: RecordedOf<AssessmentEvent> = assessed(10n)) {
  const commands = await proposer.react(event, documents.asReadStore());
  return commands.map(({ streamId, command }) => ({ streamId, command }));
}

describe('training plan proposer', () => {
  it('waits for the skill gaps, the plans and the knowledge base, and reacts to validated assessments', () => {
    expect(proposer).toMatchObject({ handles: ['CompetencyAssessed', 'SelfAssessmentValidated'], awaits: ['skillGaps', 'trainingPlans', 'knowledgeBase'] });
  });

  it('proposes one item per open gap: a material that teaches the competency, or else mentoring, due 30 days on', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1), competency('calls', 2, 2), competency('negotiation', 2, null)))
      .put('knowledgeBase', 'old-refunds', 3n, material('old-refunds', ['refunds'], 'retired'))
      .put('knowledgeBase', 'refunds', 4n, material('refunds', ['refunds', 'calls']));
    const planId = proposedPlanId('0190c0de-7f3a-7000-8000-000000000007');

    expect(await proposal(documents)).toEqual([
      {
        streamId: `trainingPlan-${planId}`,
        command: {
          type: 'ProposeTrainingPlan',
          planId,
          employeeId: 'emp-42',
          sectionId: 'support',
          positionId: 'support-l1',
          trigger: { eventId: '0190c0de-7f3a-7000-8000-000000000007', assessmentId: 'assessment-7', position: '10' },
          gaps: [
            { competencyId: 'refunds', required: 3, level: 1, gap: 2 },
            { competencyId: 'negotiation', required: 2, level: null, gap: 2 },
          ],
          items: [
            { itemId: 'item-1', kind: 'material', title: 'Read refunds', materialId: 'refunds', competencyIds: ['refunds'], dueOn: '2026-04-01' },
            { itemId: 'item-2', kind: 'mentoring', title: 'Mentoring on negotiation', competencyIds: ['negotiation'], dueOn: '2026-04-01' },
          ],
          at: ASSESSED_AT,
        },
      },
    ]);
  });

  it('derives the plan id from the event, so that the same event always proposes the same plan', async () => {
    const documents = new VersionedDocuments().put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1)));
    const [first] = await proposal(documents);
    const [again] = await proposal(documents);
    const [other] = await proposal(documents, { ...assessed(10n), eventId: '0190c0de-7f3a-7000-8000-000000000008' });
    expect(again!.streamId).toBe(first!.streamId);
    expect(other!.streamId).not.toBe(first!.streamId);
  });

  it('reads the gaps and the materials as they were at the event', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1)))
      .put('skillGaps', 'emp-42', 12n, gapsOf(competency('refunds', 3, 3)))
      .put('knowledgeBase', 'refunds', 11n, material('refunds', ['refunds']));
    const [proposed] = await proposal(documents);
    expect(proposed!.command).toMatchObject({ gaps: [{ competencyId: 'refunds', gap: 2 }], items: [{ kind: 'mentoring' }] });
  });

  it('leaves out the gaps an open plan covers, and proposes nothing when they all are', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1), competency('negotiation', 2, 0)))
      .put('trainingPlans', 'plan-proposed', 6n, planOf('plan-proposed', 'proposed', ['refunds']))
      .put('trainingPlans', 'plan-completed', 6n, planOf('plan-completed', 'completed', ['negotiation']));
    const [proposed] = await proposal(documents);
    expect(proposed!.command).toMatchObject({ gaps: [{ competencyId: 'negotiation' }] });

    documents.put('trainingPlans', 'plan-approved', 7n, planOf('plan-approved', 'approved', ['negotiation']));
    expect(await proposal(documents)).toEqual([]);
  });

  it('counts the plans as they were at the event: one closed since still covered its gaps then', async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1)))
      .put('trainingPlans', 'plan-1', 6n, planOf('plan-1', 'approved', ['refunds']))
      .put('trainingPlans', 'plan-1', 20n, planOf('plan-1', 'completed', ['refunds']));
    expect(await proposal(documents)).toEqual([]);
  });

  it("counts a plan proposed for an earlier assessment and recorded after the event, but not one for a later assessment", async () => {
    const documents = new VersionedDocuments()
      .put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1), competency('negotiation', 2, 0)))
      .put('trainingPlans', 'for-earlier', 14n, planOf('for-earlier', 'completed', ['refunds'], 9n))
      .put('trainingPlans', 'for-later', 15n, planOf('for-later', 'proposed', ['negotiation'], 11n));
    const [proposed] = await proposal(documents);
    expect(proposed!.command).toMatchObject({ gaps: [{ competencyId: 'negotiation' }] });
  });

  it('proposes nothing without open gaps, without a skill gaps document, or for a self assessment awaiting validation', async () => {
    expect(await proposal(new VersionedDocuments().put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 2, 2))))).toEqual([]);
    expect(await proposal(new VersionedDocuments())).toEqual([]);
    expect(await proposal(new VersionedDocuments().put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1))), assessed(10n, false))).toEqual([]);
  });

  it('proposes when a self assessment is validated', async () => {
    const validated: SelfAssessmentValidated = {
      type: 'SelfAssessmentValidated',
      data: { assessmentId: 'self-1', employeeId: 'emp-42', competencyId: 'refunds', level: 1, validatorId: 'emp-lead', validatedAt: ASSESSED_AT },
    };
    const documents = new VersionedDocuments().put('skillGaps', 'emp-42', 10n, gapsOf(competency('refunds', 3, 1)));
    const [proposed] = await proposal(documents, recorded(validated, { position: 10n, metadata: { occurredAt: ASSESSED_AT } }));
    expect(proposed!.command).toMatchObject({ type: 'ProposeTrainingPlan', trigger: { assessmentId: 'self-1' } });
  });
});
