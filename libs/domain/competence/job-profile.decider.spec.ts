import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { DraftJobProfile, JobProfileCommand } from './job-profile.commands.js';
import { jobProfileDecider } from './job-profile.decider.js';
import type { JobProfileContent, JobProfileEvent } from './job-profile.events.js';
import { catalogue, EMPTY_CONTENT, requirement } from './testing.js';

const JAN = '2026-01-10T09:00:00.000Z';
const FEB = '2026-02-10T09:00:00.000Z';

const content: JobProfileContent = {
  ...EMPTY_CONTENT,
  subjectKnowledge: [requirement('regs', 3, 2)],
  skills: [requirement('crm', 2)],
  values: [requirement('care', 2)],
  duties: ['Answers clients'],
  responsibilities: [{ area: 'Line 1', kpis: [{ indicatorId: 'support.firstResponseWithinTarget', target: 0.9 }] }],
};
/** A profile as versions before the indicator catalogue stated its KPIs. */
const withTextKpis: JobProfileContent = { ...content, responsibilities: [{ area: 'Line 1', kpis: [{ name: 'First response time', target: '2 min' }] }] };
const kpisOfLine1 = (kpis: readonly unknown[]): JobProfileContent => ({ ...content, responsibilities: [{ area: 'Line 1', kpis: kpis as never }] });
const draft = (body: JobProfileContent = content, at = JAN): DraftJobProfile => ({
  type: 'DraftJobProfile',
  positionId: 'line-1',
  positionStatus: 'active',
  content: body,
  catalogue,
  at,
});
const approve = (at = JAN): JobProfileCommand => ({ type: 'ApproveJobProfile', positionId: 'line-1', positionStatus: 'active', catalogue, at });
const drafted = (version: number, body: JobProfileContent = content, at = JAN): JobProfileEvent => ({
  type: 'JobProfileDrafted',
  data: { positionId: 'line-1', version, content: body, draftedAt: at },
});
const approved = (version: number, body: JobProfileContent = content, at = JAN): JobProfileEvent => ({
  type: 'JobProfileApproved',
  data: { positionId: 'line-1', version, content: body, effectiveFrom: at },
});

const { given } = deciderSpec(jobProfileDecider());


describe('job profile decider', () => {
  it('drafts version 1, replaces the open draft, and appends nothing for the same draft', () => {
    given([]).when(draft()).then([drafted(1)]);
    const edited = { ...content, duties: ['Answers clients', 'Collects thanks'] };
    given([drafted(1)]).when(draft(edited, FEB)).then([drafted(1, edited, FEB)]);
    given([drafted(1)]).when(draft()).then([]);
  });

  it('approves the draft as the version in force from its business date, and opens the next version on the next draft', () => {
    given([drafted(1)]).when(approve(FEB)).then([approved(1, content, FEB)]);
    given([drafted(1), approved(1)]).when(draft(content, FEB)).then([drafted(2, content, FEB)]);
  });

  it('keeps the text KPIs of a version drafted before the indicator catalogue, and replaces them with the next version', () => {
    given([drafted(1, withTextKpis)]).when(approve(FEB)).then([approved(1, withTextKpis, FEB)]);
    given([drafted(1, withTextKpis), approved(1, withTextKpis)]).when(draft(content, FEB)).then([drafted(2, content, FEB)]);
  });

  it('takes targets anywhere within the range of their indicator, unbounded ones included', () => {
    const targets = kpisOfLine1([
      { indicatorId: 'surveys.nps', target: -100 },
      { indicatorId: 'surveys.ces', target: 7 },
      { indicatorId: 'care.retentionShare', target: 0 },
      { indicatorId: 'support.firstResponseMinutes', target: 86_400 },
    ]);
    given([]).when(draft(targets)).then([drafted(1, targets)]);
  });

  it('needs an open draft that requires some competency', () => {
    given([]).when(approve()).thenThrows(DomainRuleError, 'NO_JOB_PROFILE_DRAFT');
    given([drafted(1), approved(1)]).when(approve(FEB)).thenThrows(DomainRuleError, 'NO_JOB_PROFILE_DRAFT');
    const nothing = { ...EMPTY_CONTENT, duties: ['Answers clients'] };
    given([drafted(1, nothing)]).when(approve()).thenThrows(DomainRuleError, 'EMPTY_JOB_PROFILE');
  });

  it('keeps competencies in the section of their kind, active, also when approving', () => {
    given([]).when(draft({ ...content, subjectKnowledge: [], skills: [requirement('regs', 2)] })).thenThrows(DomainRuleError, 'COMPETENCY_KIND_MISMATCH');
    given([]).when(draft({ ...content, generalKnowledge: [requirement('crm', 1)], skills: [] })).thenThrows(DomainRuleError, 'COMPETENCY_KIND_MISMATCH');
    given([]).when(draft({ ...content, skills: [requirement('gone', 2)] })).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
    const beforeRetirement = { ...catalogue, competencies: new Map(catalogue.competencies).set('gone', { ...catalogue.competencies.get('gone')!, status: 'active' as const }) };
    const gone = { ...content, skills: [requirement('gone', 2)] };
    given([]).when({ ...draft(gone), catalogue: beforeRetirement }).then([drafted(1, gone)]);
    given([drafted(1, gone)]).when(approve()).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
  });

  it('refuses a retired position, and a change dated before the last', () => {
    given([]).when({ ...draft(), positionStatus: 'retired' }).thenThrows(DomainRuleError, 'POSITION_RETIRED');
    given([drafted(1)]).when({ ...approve(), positionStatus: 'retired' }).thenThrows(DomainRuleError, 'POSITION_RETIRED');
    given([drafted(1, content, FEB)]).when(approve(JAN)).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it.each<[string, JobProfileContent, string]>([
    ['a level above the scale', { ...content, skills: [requirement('crm', 5)] }, 'skills.0.requiredLevel'],
    ['a level of none', { ...content, skills: [requirement('crm', 0)] }, 'skills.0.requiredLevel'],
    ['a weight of nothing', { ...content, skills: [requirement('crm', 2, 0)] }, 'skills.0.weight'],
    ['an unknown competency', { ...content, values: [requirement('honesty', 2)] }, 'values.0.competencyId'],
    ['a competency twice', { ...content, generalKnowledge: [requirement('regs', 1)] }, 'subjectKnowledge.0.competencyId'],
    ['a blank duty', { ...content, duties: [' '] }, 'duties.0'],
    ['a KPI without target', kpisOfLine1([{ indicatorId: 'support.csat' }]), 'responsibilities.0.kpis.0.target'],
    ['a KPI in text, as versions before the indicator catalogue', withTextKpis, 'responsibilities.0.kpis.0.indicatorId'],
    ['a KPI on no indicator of the catalogue', kpisOfLine1([{ indicatorId: 'support.happiness', target: 1 }]), 'responsibilities.0.kpis.0.indicatorId'],
    ['a share above 1', kpisOfLine1([{ indicatorId: 'support.csat', target: 90 }]), 'responsibilities.0.kpis.0.target'],
    ['an NPS below -100', kpisOfLine1([{ indicatorId: 'surveys.nps', target: -101 }]), 'responsibilities.0.kpis.0.target'],
    ['a target in text', kpisOfLine1([{ indicatorId: 'support.csat', target: '≥ 90 %' }]), 'responsibilities.0.kpis.0.target'],
    ['a KPI that is no object', kpisOfLine1(['CSAT']), 'responsibilities.0.kpis.0'],
    ['a section that is no list', { ...content, skills: 'crm' as never }, 'skills'],
  ])('rejects %s, naming the field', (_name, body, field) => {
    given([]).when(draft(body)).thenRejects([field]);
  });
});
