import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AttemptAddress } from '#domain/competence/index.js';
import type { AppCommand } from '../../../api/src/platform/entity-commands.js';
import { actorOf, type Principal } from '../../../api/src/auth/principal.js';
import { CareCaseCommands } from '../../../api/src/care/index.js';
import { FeedbackCommands } from '../../../api/src/feedback/feedback-commands.service.js';
import { AttestationCommands } from '../../../api/src/competence/attestation-commands.service.js';
import { CareerPathCommands } from '../../../api/src/competence/career-path-commands.service.js';
import { CompetenceRecordCommands } from '../../../api/src/competence/competence-record-commands.service.js';
import { CompetencyCatalogueCommands } from '../../../api/src/competence/competency-catalogue-commands.service.js';
import { JobProfileCommands } from '../../../api/src/competence/job-profile-commands.service.js';
import { CheckAttemptCommands } from '../../../api/src/competence/check-attempt-commands.service.js';
import { CheckCampaignCommands } from '../../../api/src/competence/check-campaign-commands.service.js';
import { KnowledgeCheckCommands } from '../../../api/src/competence/knowledge-check-commands.service.js';
import { EmployeeCommands } from '../../../api/src/organisation/employee-commands.service.js';
import { OrgStructureCommands } from '../../../api/src/organisation/org-structure-commands.service.js';
import { ProductCommands } from '../../../api/src/organisation/product-commands.service.js';
import type { RequestCommandContext } from '../../../api/src/platform/command-runner.service.js';
import { ChecklistTemplateCommands, InspectionCommands } from '../../../api/src/quality/index.js';
import { StandardCommands } from '../../../api/src/standards/standard-commands.service.js';
import { SupportImportCommands } from '../../../api/src/support/support-import-commands.service.js';
import { importLines } from '../../../api/src/support/support-import.js';
import { SurveyCommands } from '../../../api/src/surveys/index.js';
import type { CareStep } from './care-plan.js';
import type { CompetenceStep } from './competence-plan.js';
import { DemoCouncil } from './demo-council.js';
import { DemoMotivation, type MotivationTally } from './demo-motivation.js';
import type { FeedbackStep } from './feedback-plan.js';
import type { DemoStep } from './demo-plan.js';
import { DemoTraining, type TrainingPlanTally } from './demo-training.js';
import type { OrganisationStep } from './organisation-plan.js';
import type { DemoActor } from './planning.js';
import type { QualityStep } from './quality-plan.js';
import type { StandardsStep } from './standards-plan.js';
import type { SupportStep } from './support-plan.js';
import type { SurveyStep } from './survey-plan.js';

/**
 * Runs the steps of a plan as the api runs requests, as the employee each step names: commands built
 * by the api's own command services and run on its command bus. The caller is a principal whose key
 * belongs to that employee, so that the services take the inspector, the disputing author and the
 * survey manager from it as they do for a real key.
 *
 * The app gives inspections their ids and issues the secrets of survey tokens; the plan names them by
 * keys, and this keeps what the app answered for the steps that follow.
 */
export class DemoCommands {
  private readonly bus: CommandBus<AppCommand>;
  private readonly care: CareCaseCommands;
  private readonly structure: OrgStructureCommands;
  private readonly products: ProductCommands;
  private readonly employees: EmployeeCommands;
  private readonly standards: StandardCommands;
  private readonly templates: ChecklistTemplateCommands;
  private readonly inspections: InspectionCommands;
  private readonly surveys: SurveyCommands;
  private readonly supportImports: SupportImportCommands;
  private readonly feedbackCommands: FeedbackCommands;
  private readonly catalogue: CompetencyCatalogueCommands;
  private readonly profiles: JobProfileCommands;
  private readonly paths: CareerPathCommands;
  private readonly checks: KnowledgeCheckCommands;
  private readonly campaigns: CheckCampaignCommands;
  private readonly attempts: CheckAttemptCommands;
  private readonly records: CompetenceRecordCommands;
  private readonly attestations: AttestationCommands;
  private readonly training: DemoTraining;
  private readonly council: DemoCouncil;
  private readonly motivation: DemoMotivation;
  private readonly inspectionIds = new Map<string, string>();
  private readonly unusedTokens = new Map<string, string[]>();
  private readonly responseIds = new Map<string, string>();

  constructor(app: INestApplicationContext) {
    this.bus = app.get<CommandBus<AppCommand>>(CommandBus);
    this.care = app.get(CareCaseCommands);
    this.structure = app.get(OrgStructureCommands);
    this.products = app.get(ProductCommands);
    this.employees = app.get(EmployeeCommands);
    this.standards = app.get(StandardCommands);
    this.templates = app.get(ChecklistTemplateCommands);
    this.inspections = app.get(InspectionCommands);
    this.surveys = app.get(SurveyCommands);
    this.supportImports = app.get(SupportImportCommands);
    this.feedbackCommands = app.get(FeedbackCommands);
    this.catalogue = app.get(CompetencyCatalogueCommands);
    this.profiles = app.get(JobProfileCommands);
    this.paths = app.get(CareerPathCommands);
    this.checks = app.get(KnowledgeCheckCommands);
    this.campaigns = app.get(CheckCampaignCommands);
    this.attempts = app.get(CheckAttemptCommands);
    this.records = app.get(CompetenceRecordCommands);
    this.attestations = app.get(AttestationCommands);
    this.training = new DemoTraining(app);
    this.council = new DemoCouncil(app);
    this.motivation = new DemoMotivation(app, this.council);
  }

  /** What the individual plans came to: what the process manager proposed is known only once the demo ran. */
  trainingPlans(): TrainingPlanTally {
    return this.training.tally();
  }

  /** What the monthly closes issued. */
  motivationTally(): Promise<MotivationTally> {
    return this.motivation.tally();
  }

  async perform(step: DemoStep, correlationId: string): Promise<void> {
    switch (step.context) {
      case 'organisation':
        return this.organisation(step, contextOf(callerOf(step.actor), correlationId));
      case 'standards':
        return this.standard(step, contextOf(callerOf(step.actor), correlationId));
      case 'quality':
        return this.quality(step, callerOf(step.actor), correlationId);
      case 'surveys':
        return this.survey(step, correlationId);
      case 'care':
        return this.careCase(step, contextOf(callerOf(step.actor), correlationId));
      case 'support':
        return this.importHelpdesk(step, contextOf(callerOf(step.actor), correlationId));
      case 'feedback':
        return this.feedback(step, callerOf(step.actor), correlationId);
      case 'competence':
        return this.competence(step, callerOf(step.actor), correlationId);
      case 'training':
        return this.training.perform(step, callerOf, (caller) => contextOf(caller, correlationId));
      case 'council':
        return this.council.perform(step, callerOf, (caller) => contextOf(caller, correlationId), (key) => this.inspectionId(key));
      case 'motivation':
        return this.motivation.perform(step, callerOf, (caller) => contextOf(caller, correlationId));
    }
  }

  /** The night's helpdesk export as the import route takes it: one NDJSON file, every line of which must be taken. */
  private async importHelpdesk(step: SupportStep, context: RequestCommandContext): Promise<void> {
    const file = step.lines.map((line) => JSON.stringify(line)).join('\n');
    const report = await importLines(file, async (lines) => this.bus.execute(await this.supportImports.ticketRun(lines, context)), context.correlationId);
    const [rejected] = report.rejected;
    if (rejected !== undefined) {
      throw new Error(`the helpdesk import of ${step.day} refused line ${rejected.line} (${rejected.externalId} ${rejected.event}): ${rejected.problem.detail}`);
    }
  }

  private async feedback(step: FeedbackStep, caller: Principal, correlationId: string): Promise<void> {
    const context = contextOf(caller, correlationId);
    const { occurredAt } = step;
    switch (step.type) {
      case 'thank': {
        const { thanksId, clientId, subject, channel, text } = step;
        await this.bus.execute(this.feedbackCommands.recordThanks({ thanksId, author: { kind: 'client', id: clientId }, subject, channel, text, occurredAt }, context));
        return;
      }
      case 'complain': {
        const { complaintId, clientId, subject, channel, text } = step;
        await this.bus.execute(this.feedbackCommands.recordComplaint({ complaintId, author: { kind: 'client', id: clientId }, subject, channel, text, occurredAt }, context));
        return;
      }
      case 'close-complaint':
        await this.bus.execute(this.feedbackCommands.closeComplaint(step.complaintId, { outcome: step.outcome, note: step.note, occurredAt }, caller, context));
        return;
    }
  }

  private async organisation(step: OrganisationStep, context: RequestCommandContext): Promise<void> {
    const { occurredAt } = step;
    switch (step.type) {
      case 'create-section': {
        const { sectionId, name, valuableFinalProduct, parentId } = step;
        await this.bus.execute(this.structure.createSection({ sectionId, name, valuableFinalProduct, parentId, occurredAt }, context));
        return;
      }
      case 'move-section':
        await this.bus.execute(this.structure.moveSection(step.sectionId, { parentId: step.parentId, occurredAt }, context));
        return;
      case 'create-position': {
        const { positionId, title, sectionId } = step;
        await this.bus.execute(this.structure.createPosition({ positionId, title, sectionId, occurredAt }, context));
        return;
      }
      case 'create-product': {
        const { productId, kind, name, sectionId } = step;
        await this.bus.execute(await this.products.create({ productId, kind, name, sectionId, occurredAt }, context));
        return;
      }
      case 'hire': {
        const { employeeId, name, positionId, sectionId } = step;
        await this.bus.execute(await this.employees.hire({ employeeId, name, positionId, sectionId, occurredAt }, context));
        return;
      }
      case 'move-employee':
        await this.bus.execute(await this.employees.move(step.employeeId, { positionId: step.positionId, sectionId: step.sectionId, occurredAt }, context));
        return;
      case 'record-departure':
        await this.bus.execute(this.employees.recordDeparture(step.employeeId, { reason: step.reason, occurredAt }, context));
        return;
    }
  }

  private async standard(step: StandardsStep, context: RequestCommandContext): Promise<void> {
    const { standardId, occurredAt } = step;
    switch (step.type) {
      case 'publish-standard': {
        const { standardType, owner, title, body } = step;
        await this.bus.execute(await this.standards.publish({ standardId, type: standardType, ...owner, title, body, occurredAt }, context));
        return;
      }
      case 'revise-standard':
        await this.bus.execute(this.standards.revise(standardId, { body: step.body, changeNote: step.changeNote, occurredAt }, context));
        return;
      case 'retire-standard':
        await this.bus.execute(this.standards.retire(standardId, { reason: step.reason, occurredAt }, context));
        return;
    }
  }

  private async quality(step: QualityStep, caller: Principal, correlationId: string): Promise<void> {
    const context = contextOf(caller, correlationId);
    const { occurredAt } = step;
    switch (step.type) {
      case 'publish-template':
        await this.bus.execute(await this.templates.publish({ templateId: step.templateId, owner: step.owner, ...step.content, occurredAt }, context));
        return;
      case 'publish-template-version':
        await this.bus.execute(await this.templates.publishVersion(step.templateId, { ...step.content, occurredAt }, context));
        return;
      case 'start-inspection': {
        const { deliverable, productId, sectionId, authorId, templateId, templateVersion } = step;
        const reinspectionOf = step.reinspectionOf === undefined ? undefined : this.inspectionId(step.reinspectionOf);
        const input = { deliverable, productId, sectionId, authorId, templateId, templateVersion, reinspectionOf, occurredAt };
        const started = await this.bus.execute(await this.inspections.start(input, caller, context));
        this.inspectionIds.set(step.inspection, started.id);
        return;
      }
      case 'record-results':
        await this.bus.execute(this.inspections.record(this.inspectionId(step.inspection), { results: step.results, occurredAt }, context));
        return;
      case 'complete-inspection':
        await this.bus.execute(this.inspections.complete(this.inspectionId(step.inspection), { occurredAt }, context));
        return;
      case 'dispute-verdict': {
        const { criterionIds, comment } = step;
        await this.bus.execute(this.inspections.dispute(this.inspectionId(step.inspection), { criterionIds, comment, occurredAt }, caller, context));
        return;
      }
      case 'resolve-dispute': {
        const { outcome, revisedResults, comment } = step;
        await this.bus.execute(this.inspections.resolve(this.inspectionId(step.inspection), { outcome, revisedResults, comment, occurredAt }, caller, context));
        return;
      }
    }
  }

  private async survey(step: SurveyStep, correlationId: string): Promise<void> {
    if (step.type === 'answer-anonymously') {
      await this.bus.execute(await this.surveys.answerAnonymously(step.surveyId, step.wave, this.unusedToken(step.surveyId, step.wave), step.answers));
      return;
    }
    const caller = callerOf(step.actor);
    const context = contextOf(caller, correlationId);
    const { surveyId, occurredAt } = step;
    switch (step.type) {
      case 'create-survey': {
        const { title, audience, anonymous, productId, bonus, questions } = step;
        await this.bus.execute(await this.surveys.create({ surveyId, title, audience, anonymous, productId, bonus, questions, occurredAt }, context));
        return;
      }
      case 'launch-wave': {
        const { wave } = await this.bus.execute(this.surveys.launchWave(surveyId, { invited: step.invited, occurredAt }, context));
        if (wave !== step.wave) throw new Error(`the plan expected wave ${step.wave} of ${surveyId}, the app launched wave ${wave}`);
        return;
      }
      case 'issue-tokens': {
        const { tokens } = await this.bus.execute(this.surveys.issueTokens(surveyId, step.wave, step.count, context));
        this.unusedTokens.set(waveKey(surveyId, step.wave), tokens);
        return;
      }
      case 'answer': {
        const input = { clientId: step.clientId, answers: step.answers, occurredAt };
        const answered = await this.bus.execute(await this.surveys.answer(surveyId, step.wave, input, caller, context));
        this.responseIds.set(responseKey(surveyId, step.wave, step.clientId), answered.id);
        return;
      }
      case 'grant-bonus': {
        const responseId = this.responseIds.get(responseKey(surveyId, step.wave, step.clientId));
        if (responseId === undefined) throw new Error(`the plan grants a bonus for an answer it has not given: ${step.clientId}`);
        await this.bus.execute(await this.surveys.grantBonus(surveyId, responseId, { occurredAt }, context));
        return;
      }
      case 'close-wave':
        await this.bus.execute(this.surveys.closeWave(surveyId, step.wave, { occurredAt }, context));
        return;
    }
  }

  private async careCase(step: CareStep, context: RequestCommandContext): Promise<void> {
    const { caseId, occurredAt } = step;
    switch (step.type) {
      case 'open': {
        const { clientId, productId, sectionId, kind, channel, summary } = step;
        await this.bus.execute(this.care.open({ caseId, clientId, productId, sectionId, kind, channel, summary, occurredAt }, context));
        return;
      }
      case 'assign':
        await this.bus.execute(this.care.assign(caseId, { employeeId: step.employeeId, occurredAt }, context));
        return;
      case 'refund': {
        const { amount, full, reason, scriptId } = step;
        await this.bus.execute(this.care.refund(caseId, { amount, full, reason, scriptId, occurredAt }, context));
        return;
      }
      case 'retain': {
        const { method, retained, scriptId, note } = step;
        await this.bus.execute(this.care.retain(caseId, { method, retained, scriptId, note, occurredAt }, context));
        return;
      }
    }
  }

  private async competence(step: CompetenceStep, caller: Principal, correlationId: string): Promise<void> {
    const context = contextOf(caller, correlationId);
    const { occurredAt } = step;
    switch (step.type) {
      case 'define-scale':
        await this.bus.execute(this.catalogue.defineScale({ levels: step.levels, proficientLevel: step.proficientLevel, occurredAt }, context));
        return;
      case 'define-competency':
        await this.bus.execute(this.catalogue.define({ competencyId: step.competencyId, kind: step.kind, name: step.name, occurredAt }, context));
        return;
      case 'draft-profile':
        await this.bus.execute(await this.profiles.draft(step.positionId, { ...step.content, occurredAt }, context));
        return;
      case 'approve-profile':
        await this.bus.execute(await this.profiles.approve(step.positionId, { occurredAt }, context));
        return;
      case 'define-career-path': {
        const { pathId, fromPositionId, toPositionId } = step;
        await this.bus.execute(await this.paths.define({ pathId, fromPositionId, toPositionId, basis: 'target-profile', occurredAt }, context));
        return;
      }
      case 'set-career-target':
        await this.bus.execute(await this.records.setCareerTarget(step.employeeId, { careerPathId: step.pathId, occurredAt }, context));
        return;
      case 'define-check': {
        const { checkId, title, questions } = step;
        await this.bus.execute(await this.checks.define({ checkId, title, openBook: true, questions, occurredAt }, context));
        return;
      }
      case 'create-check-campaign': {
        const { campaignId, checkId, title, employeeIds, dueOn } = step;
        await this.bus.execute(await this.campaigns.create({ campaignId, checkId, title, audience: { employeeIds }, dueOn, occurredAt }, context));
        return;
      }
      case 'start-check-attempt':
        await this.bus.execute(await this.attempts.start(step.campaignId, { occurredAt }, caller, context));
        return;
      case 'answer-check':
        await this.bus.execute(await this.attempts.save(addressOf(step), { answers: step.answers, occurredAt }, caller, context));
        return;
      case 'submit-check-attempt':
        await this.bus.execute(await this.attempts.submit(addressOf(step), { occurredAt }, caller, context));
        return;
      case 'mark-check-answers':
        await this.bus.execute(await this.attempts.mark(addressOf(step), { marks: step.marks, occurredAt }, caller, context));
        return;
      case 'assess': {
        const { assessmentId, competencyId, level, evidence } = step;
        await this.bus.execute(await this.records.assess(step.employeeId, { assessmentId, competencyId, level, evidence, occurredAt }, caller, context));
        return;
      }
      case 'self-assess': {
        const { assessmentId, competencyId, level } = step;
        await this.bus.execute(await this.records.selfAssess(step.employeeId, { assessmentId, competencyId, level, occurredAt }, caller, context));
        return;
      }
      case 'validate-self-assessment':
        await this.bus.execute(await this.records.validate(step.employeeId, step.assessmentId, { occurredAt }, caller, context));
        return;
      case 'form-commission': {
        const { attestationId, employeeId, members, chairId, sittingAt } = step;
        await this.bus.execute(await this.attestations.form({ attestationId, employeeId, members, chairId, sittingAt, occurredAt }, context));
        return;
      }
      case 'record-attestation':
        await this.bus.execute(await this.attestations.recordResults(step.attestationId, { results: step.results, minutes: step.minutes, occurredAt }, context));
        return;
    }
  }

  private inspectionId(key: string): string {
    const id = this.inspectionIds.get(key);
    if (id === undefined) throw new Error(`the plan refers to inspection ${key} before starting it`);
    return id;
  }

  private unusedToken(surveyId: string, wave: number): string {
    const token = this.unusedTokens.get(waveKey(surveyId, wave))?.pop();
    if (token === undefined) throw new Error(`the plan answers wave ${wave} of ${surveyId} with more tokens than it issued`);
    return token;
  }
}

/** The key of the employee a step names, as the demo's stand-in for that employee's API key. */
function callerOf(actor: DemoActor): Principal {
  return { subject: `demo:${actor.employeeId}`, roles: actor.roles, employeeId: actor.employeeId };
}

function contextOf(caller: Principal, correlationId: string): RequestCommandContext {
  return { actor: actorOf(caller), correlationId };
}

function waveKey(surveyId: string, wave: number): string {
  return `${surveyId}/${wave}`;
}

function responseKey(surveyId: string, wave: number, clientId: string): string {
  return `${surveyId}/${wave}/${clientId}`;
}

/** The attempt a step is about, as the attempt routes address it. */
function addressOf({ campaignId, employeeId }: { readonly campaignId: string; readonly employeeId: string }): AttemptAddress {
  return { campaignId, employeeId };
}
