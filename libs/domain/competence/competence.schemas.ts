import { INDICATOR_IDS } from '../catalogue/indicators.js';
import {
  actorId,
  anyNumber,
  boolean,
  day,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  ids,
  instant,
  integer,
  list,
  number,
  object,
  oneOf,
  text,
  variants,
  type AnySchema,
  type EventTypeEntry,
  type Schema,
} from '../shared/fields.schemas.js';
import {
  ASSESSMENT_SOURCES,
  COMPETENCY_ASSESSED,
  SELF_ASSESSMENT_VALIDATED,
  type CompetencyAssessed,
  type SelfAssessmentValidated,
} from './assessment.events.js';
import {
  ATTESTATION_CATEGORY,
  ATTESTATION_COMMISSION_FORMED,
  ATTESTATION_COMPLETED,
  ATTESTATION_RESULTS,
  type AttestationCommissionFormed,
  type AttestationCompleted,
} from './attestation.events.js';
import {
  CHECK_ANSWERS_MARKED,
  CHECK_ANSWERS_SAVED,
  CHECK_ATTEMPT_CATEGORY,
  CHECK_ATTEMPT_STARTED,
  CHECK_ATTEMPT_SUBMITTED,
  type CheckAnswersMarked,
  type CheckAnswersSaved,
  type CheckAttemptStarted,
  type CheckAttemptSubmitted,
} from './check-attempt.events.js';
import { CHECK_CAMPAIGN_CATEGORY, CHECK_CAMPAIGN_CREATED, type CheckCampaignEvent } from './check-campaign.events.js';
import {
  CAREER_PATH_BASES,
  CAREER_PATH_CATEGORY,
  CAREER_PATH_DEFINED,
  CAREER_PATH_RETIRED,
  CAREER_PATH_REVISED,
  type CareerPathEvent,
} from './career-path.events.js';
import {
  CAREER_TARGET_CLEARED,
  CAREER_TARGET_SET,
  COMPETENCE_RECORD_CATEGORY,
  KNOWLEDGE_CHECK_ATTEMPTED,
  type CareerTargetCleared,
  type CareerTargetSet,
  type KnowledgeCheckAttempted,
} from './competence-record.events.js';
import {
  COMPETENCY_CATALOGUE_CATEGORY,
  COMPETENCY_DEFINED,
  COMPETENCY_KINDS,
  COMPETENCY_RETIRED,
  COMPETENCY_REVISED,
  PROFICIENCY_SCALE_DEFINED,
  type CompetencyCatalogueEvent,
} from './competency-catalogue.events.js';
import {
  JOB_PROFILE_APPROVED,
  JOB_PROFILE_CATEGORY,
  JOB_PROFILE_DRAFTED,
  PROFILE_COMPETENCY_SECTION_NAMES,
  type ProfileCompetencySection,
  type JobProfileEvent,
} from './job-profile.events.js';
import { MAX_WEIGHT } from './requirements.js';
import {
  KNOWLEDGE_CHECK_CATEGORY,
  KNOWLEDGE_CHECK_DEFINED,
  KNOWLEDGE_CHECK_RETIRED,
  type KnowledgeCheckDefinedData,
  type KnowledgeCheckEvent,
} from './knowledge-check.events.js';

const employeeId = id('emp-anna');
const competencyId = id('objection-handling');
const positionId = id('sales-manager');
const level = integer(0, 3);
const requiredLevel = integer(1, 3);
const pathId = id('0196f3a3-0a1b-7c2d-8e3f-4a5b6c7d8e9f');
const attestationId = id('0196f3a4-2b3c-7d4e-9f50-6172839a4b5c');
const checkId = id('0196f3a5-3c4d-7e5f-8a61-728394a5b6c7');
const attemptId = id('0196f3a7-5e6f-7071-8c83-94a5b6c7d8e9');
const campaignId = id('regulations-2026-q2');
const questionId = id('q-refund-window');
const optionId = id('o-14-days');

const requirement = object({ competencyId, requiredLevel, weight: number(0, MAX_WEIGHT, 1) });
const requirements = list(requirement);

/** The same requirements in every competency section: the names are the keys of the sections. */
const competencySections = Object.fromEntries(PROFILE_COMPETENCY_SECTION_NAMES.map((section) => [section, requirements])) as Record<
  ProfileCompetencySection,
  typeof requirements
>;

/** A profile's content with its KPIs as `kpi` gives them. */
function profileContentWith<K extends AnySchema>(kpi: K) {
  return object({
    ...competencySections,
    duties: list(text('Handle incoming requests')),
    responsibilities: list(object({ area: text('Sales'), kpis: list(kpi) })),
  });
}

const statedKpi = object({ name: text('Conversion'), target: text('≥ 30 %') });
const indicatorTarget = object({ indicatorId: oneOf(INDICATOR_IDS), target: anyNumber(0.3) });
const profileContentV1 = profileContentWith(statedKpi);
/** Version 1 profiles keep their text KPIs; a later version may still be approved from a draft that holds them. */
const profileContent = profileContentWith(variants([indicatorTarget, statedKpi]));

/** A job profile event in its two versions, dated by `dateField`: text KPIs, then KPIs on indicators, with version 1 data read unchanged. */
function profileEventType<D extends string>(description: string, dateField: D) {
  const dated = { [dateField]: instant() } as Record<D, Schema<string>>;
  return {
    categories: [JOB_PROFILE_CATEGORY],
    description,
    versions: [
      { version: 1, schema: object({ positionId, version: integer(1), content: profileContentV1, ...dated }) },
      {
        version: 2,
        change: 'KPIs name an indicator of the catalogue with a numeric target; the text KPIs of version 1 read unchanged.',
        schema: object({ positionId, version: integer(1), content: profileContent, ...dated }),
        upcastFrom: (previous: unknown) => previous,
      },
    ],
  } as const;
}

const ASSESSMENT_TABLE = eventSchemaTable<CompetencyAssessed | SelfAssessmentValidated>()({
  [COMPETENCY_ASSESSED]: eventType(
    [COMPETENCE_RECORD_CATEGORY, ATTESTATION_CATEGORY, CHECK_ATTEMPT_CATEGORY],
    'A level of an employee in a competency, by a knowledge check, a commission, a manager or the employee.',
    object(
      {
        assessmentId: id('0196f3a6-4d5e-7f60-9b72-8394a5b6c7d8'),
        employeeId,
        competencyId,
        level,
        source: oneOf(ASSESSMENT_SOURCES),
        assessorId: actorId(),
        assessedAt: instant(),
        validated: boolean(),
      },
      { evidence: text('Scored 18 of 20 in the quarterly check') },
    ),
  ),
  [SELF_ASSESSMENT_VALIDATED]: eventType(
    COMPETENCE_RECORD_CATEGORY,
    'A self assessment was validated and counts from now on.',
    object({
      assessmentId: id('0196f3a6-4d5e-7f60-9b72-8394a5b6c7d8'),
      employeeId,
      competencyId,
      level,
      validatorId: actorId(),
      validatedAt: instant(),
    }),
  ),
});

const COMPETENCE_RECORD_TABLE = eventSchemaTable<KnowledgeCheckAttempted | CareerTargetSet | CareerTargetCleared>()({
  [KNOWLEDGE_CHECK_ATTEMPTED]: eventType(
    [COMPETENCE_RECORD_CATEGORY, CHECK_ATTEMPT_CATEGORY],
    'An employee took a knowledge check; each competency scored maps to a level on the scale.',
    object({
      attemptId,
      checkId,
      employeeId,
      openBook: boolean(),
      scaleVersion: integer(0),
      results: list(object({ competencyId, points: integer(0, 18), maxPoints: integer(0, 20), level })),
      attemptedAt: instant(),
    }),
  ),
  [CAREER_TARGET_SET]: eventType(
    COMPETENCE_RECORD_CATEGORY,
    'The next career step an employee works toward.',
    object({
      employeeId,
      careerPathId: pathId,
      fromPositionId: positionId,
      toPositionId: id('head-of-sales'),
      basis: oneOf(CAREER_PATH_BASES),
      setAt: instant(),
    }),
  ),
  [CAREER_TARGET_CLEARED]: eventType(
    COMPETENCE_RECORD_CATEGORY,
    'An employee no longer works toward a career step.',
    object({ employeeId, careerPathId: pathId, clearedAt: instant() }),
  ),
});

const ATTESTATION_TABLE = eventSchemaTable<AttestationCommissionFormed | AttestationCompleted>()({
  [ATTESTATION_COMMISSION_FORMED]: eventType(
    ATTESTATION_CATEGORY,
    'A commission was formed to attest an employee against the job profile in force.',
    object({
      attestationId,
      employeeId,
      positionId,
      profileVersion: integer(1),
      requirements: list(object({ competencyId, requiredLevel })),
      members: ids('emp-boris', 1),
      chairId: id('emp-boris'),
      sittingAt: instant(),
      formedAt: instant(),
    }),
  ),
  [ATTESTATION_COMPLETED]: eventType(
    ATTESTATION_CATEGORY,
    "The commission's findings per competency and its minutes.",
    object({
      attestationId,
      employeeId,
      findings: list(object({ competencyId, level, requiredLevel, result: oneOf(ATTESTATION_RESULTS) })),
      minutes: text('Conforms in every competency but objection handling.'),
      completedAt: instant(),
    }),
  ),
});

const CAREER_PATH_TABLE = eventSchemaTable<CareerPathEvent>()({
  [CAREER_PATH_DEFINED]: eventType(
    CAREER_PATH_CATEGORY,
    'A step from one position to another, with its own minimum or the target profile as its basis.',
    object(
      { pathId, fromPositionId: positionId, toPositionId: id('head-of-sales'), basis: oneOf(CAREER_PATH_BASES), definedAt: instant() },
      { requirements },
    ),
  ),
  [CAREER_PATH_REVISED]: eventType(
    CAREER_PATH_CATEGORY,
    'The minimum of a career path as it is from now on.',
    object({ pathId, requirements, revisedAt: instant() }),
  ),
  [CAREER_PATH_RETIRED]: eventType(CAREER_PATH_CATEGORY, 'A career path was retired.', object({ pathId, retiredAt: instant() })),
});

export const CAREER_PATH_EVENT_TYPES = eventTypesOf(CAREER_PATH_TABLE);

const COMPETENCY_CATALOGUE_TABLE = eventSchemaTable<CompetencyCatalogueEvent>()({
  [COMPETENCY_DEFINED]: eventType(
    COMPETENCY_CATALOGUE_CATEGORY,
    'A competency was added to the catalogue.',
    object(
      { competencyId, kind: oneOf(COMPETENCY_KINDS), name: text('Objection handling'), definedAt: instant() },
      { description: text('Answers a doubt with facts, not pressure') },
    ),
  ),
  [COMPETENCY_REVISED]: eventType(
    COMPETENCY_CATALOGUE_CATEGORY,
    'The name and description of a competency as they are from now on.',
    object({ competencyId, name: text('Objection handling'), revisedAt: instant() }, { description: text('Answers a doubt with facts') }),
  ),
  [COMPETENCY_RETIRED]: eventType(COMPETENCY_CATALOGUE_CATEGORY, 'A competency was retired.', object({ competencyId, retiredAt: instant() })),
  [PROFICIENCY_SCALE_DEFINED]: eventType(
    COMPETENCY_CATALOGUE_CATEGORY,
    'A version of the proficiency scale: the name of each level, 0 = none, and the level that counts as proficient.',
    object({ version: integer(1), levels: { ...list(text('none'), 2), examples: [['none', 'basic', 'proficient', 'expert']] }, proficientLevel: integer(1, 2), definedAt: instant() }),
  ),
});

export const COMPETENCY_CATALOGUE_EVENT_TYPES = eventTypesOf(COMPETENCY_CATALOGUE_TABLE);

const JOB_PROFILE_TABLE = eventSchemaTable<JobProfileEvent>()({
  [JOB_PROFILE_DRAFTED]: profileEventType('A draft of the job profile of a position, with its whole content.', 'draftedAt'),
  [JOB_PROFILE_APPROVED]: profileEventType('A job profile version is in force from `effectiveFrom`.', 'effectiveFrom'),
});

export const JOB_PROFILE_EVENT_TYPES = eventTypesOf(JOB_PROFILE_TABLE);

const questionText = text('Within how many days may a client ask for a refund?');
const questionV1 = object({ questionId: id('q1'), text: questionText, competencyId, points: integer(1, 5) });
const citation = { cites: object({ materialId: id('refund-regulation'), version: integer(1, 2) }) };
const choiceOptions = {
  ...list(object({ optionId, text: text('14 days') }), 2),
  examples: [[{ optionId: 'o-14-days', text: '14 days' }, { optionId: 'o-30-days', text: '30 days' }]],
};
const choiceQuestion = object(
  { questionId, text: questionText, competencyId, points: integer(1, 2), kind: oneOf(['single', 'multiple']), options: choiceOptions, correctOptionIds: ids('o-14-days', 1) },
  citation,
);
const openQuestion = object({ questionId, text: questionText, competencyId, points: integer(1, 3), kind: oneOf(['open']) }, citation);

const checkDefinedV1 = object({ checkId, title: text('Quarterly sales check'), openBook: boolean(), questions: list(questionV1), definedAt: instant() });
const checkDefined = object({
  checkId,
  title: text('Regulations and main instructions, Q2 2026'),
  openBook: boolean(),
  questions: list(variants([choiceQuestion, openQuestion])),
  definedAt: instant(),
});

/** Version 1 questions were all scored by a trainer: they read as open questions. */
const KNOWLEDGE_CHECK_DEFINED_ENTRY: EventTypeEntry<KnowledgeCheckDefinedData> = {
  categories: [KNOWLEDGE_CHECK_CATEGORY],
  description: 'A knowledge check with its question bank: choice questions with their answer key, and open questions a trainer marks.',
  versions: [
    { version: 1, schema: checkDefinedV1 },
    {
      version: 2,
      change: 'Each question has a kind: single or multiple choice with options and an answer key, or open; it may cite a material version. Version 1 questions read as open.',
      schema: checkDefined,
      upcastFrom: (previous: unknown) => {
        const data = previous as { readonly questions: readonly object[] };
        return { ...data, questions: data.questions.map((question) => ({ ...question, kind: 'open' })) };
      },
    },
  ],
};

const KNOWLEDGE_CHECK_TABLE = eventSchemaTable<KnowledgeCheckEvent>()({
  [KNOWLEDGE_CHECK_DEFINED]: KNOWLEDGE_CHECK_DEFINED_ENTRY,
  [KNOWLEDGE_CHECK_RETIRED]: eventType(KNOWLEDGE_CHECK_CATEGORY, 'A knowledge check was retired.', object({ checkId, retiredAt: instant() })),
});

export const KNOWLEDGE_CHECK_EVENT_TYPES = eventTypesOf(KNOWLEDGE_CHECK_TABLE);

const CHECK_CAMPAIGN_TABLE = eventSchemaTable<CheckCampaignEvent>()({
  [CHECK_CAMPAIGN_CREATED]: eventType(
    CHECK_CAMPAIGN_CATEGORY,
    'A campaign asks its participants to take a knowledge check from the day it opens; an attempt submitted after the day it is due is late.',
    object({
      campaignId,
      checkId,
      title: text('Regulations, Q2 2026'),
      audience: object({ employeeIds: ids('emp-anna'), positionIds: ids('support-line-1'), sectionIds: ids('section-support') }),
      participantIds: ids('emp-anna', 1),
      opensOn: day(),
      dueOn: day(),
      createdAt: instant(),
    }),
  ),
});

const attemptOf = { attemptId, campaignId, employeeId };
const score = object({ questionId, points: integer(0, 2) });

const CHECK_ATTEMPT_TABLE = eventSchemaTable<CheckAttemptStarted | CheckAnswersSaved | CheckAttemptSubmitted | CheckAnswersMarked>()({
  [CHECK_ATTEMPT_STARTED]: eventType(
    CHECK_ATTEMPT_CATEGORY,
    "An employee started their attempt at a campaign's check: every question, and each choice question's options, in the order this attempt shows them.",
    object({ ...attemptOf, checkId, questions: list(object({ questionId }, { optionIds: ids('o-14-days') }), 1), startedAt: instant() }),
  ),
  [CHECK_ANSWERS_SAVED]: eventType(
    CHECK_ATTEMPT_CATEGORY,
    'Answers of an attempt in progress, each replacing the one saved before for its question: the options chosen, or the text of an open answer.',
    object({
      ...attemptOf,
      answers: list(variants([object({ questionId, optionIds: ids('o-14-days') }), object({ questionId, text: text('14 days, by section 3 of the refund regulation') })]), 1),
      savedAt: instant(),
    }),
  ),
  [CHECK_ATTEMPT_SUBMITTED]: eventType(
    CHECK_ATTEMPT_CATEGORY,
    'An attempt was submitted: the points of the choice questions by the answer key (and of open questions left unanswered), and the open answers a trainer marks.',
    object({ ...attemptOf, scores: list(score), awaitingMarking: ids('q-escalation'), submittedAt: instant() }),
  ),
  [CHECK_ANSWERS_MARKED]: eventType(
    CHECK_ATTEMPT_CATEGORY,
    "A trainer's points for open answers of a submitted attempt.",
    object({
      ...attemptOf,
      marks: list(object({ questionId, points: integer(0, 2) }, { comment: text('Names the regulation, misses the deadline') }), 1),
      markerId: id('emp-boris'),
      markedAt: instant(),
    }),
  ),
});

export const CHECK_CAMPAIGN_EVENT_TYPES = eventTypesOf(CHECK_CAMPAIGN_TABLE);
export const CHECK_ATTEMPT_EVENT_TYPES = eventTypesOf(CHECK_ATTEMPT_TABLE);

export const COMPETENCE_SCHEMAS = [
  ...definitionsOf(ASSESSMENT_TABLE),
  ...definitionsOf(COMPETENCE_RECORD_TABLE),
  ...definitionsOf(ATTESTATION_TABLE),
  ...definitionsOf(CAREER_PATH_TABLE),
  ...definitionsOf(COMPETENCY_CATALOGUE_TABLE),
  ...definitionsOf(JOB_PROFILE_TABLE),
  ...definitionsOf(KNOWLEDGE_CHECK_TABLE),
  ...definitionsOf(CHECK_CAMPAIGN_TABLE),
  ...definitionsOf(CHECK_ATTEMPT_TABLE),
];
