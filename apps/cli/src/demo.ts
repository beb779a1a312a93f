import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#config';
import { DEFAULT_CASES_PER_MONTH, DEFAULT_CONTACTS_PER_DAY, DEFAULT_INSPECTIONS_PER_WEEK, planDemo } from './demo/demo-plan.js';
import { DemoStoreNotEmptyError, fillDemoStore, type DemoSummary } from './demo/fill-demo-store.js';
import { runProgram, UsageError } from './program.js';

const USAGE = `Usage: npm run demo -- [options]

Fills the embedded store in DATA_DIR (default ./data), which must hold no event yet, with the history
of a made-up online school, through the api's command handlers: its organisation, standards,
checklists and inspections, surveys, client care, the support line (imported from its helpdesk every
night), thanks and complaints, competencies and assessments, training, the weekly meetings and
improvement programs of the quality council, and the monthly motivation statements. Each event is recorded at the time the story
says, so every metric can be read as it was known at any past moment.

  --months <n>        length of the history, ending now (default 24)
  --seed <n>          seed of the generator: the same seed, months, end and volumes give the same data (default 2024)
  --cases <n>         average care cases opened per month (default ${DEFAULT_CASES_PER_MONTH})
  --inspections <n>   average deliverables handed over for inspection per week (default ${DEFAULT_INSPECTIONS_PER_WEEK})
  --contacts <n>      average support contacts on a weekday (default ${DEFAULT_CONTACTS_PER_DAY})
  --end <time>        ISO-8601 time the history ends at, instead of now; not in the future`;

interface DemoArguments {
  readonly months: number;
  readonly seed: number;
  readonly casesPerMonth: number;
  readonly inspectionsPerWeek: number;
  readonly contactsPerDay: number;
  readonly end: Date;
}

function parseArguments(argv: string[]): DemoArguments | undefined {
  const { values } = parseOptions(argv);
  if (values.help) return undefined;
  const now = new Date();
  const end = values.end === undefined ? now : new Date(values.end);
  if (Number.isNaN(end.getTime()) || end > now) throw new UsageError(`--end takes an ISO-8601 time that is not in the future, got ${values.end}`);
  return {
    months: wholeNumber('--months', values.months, 1, 120),
    seed: wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1),
    casesPerMonth: wholeNumber('--cases', values.cases, 1, 10_000),
    inspectionsPerWeek: wholeNumber('--inspections', values.inspections, 1, 1_000),
    contactsPerDay: wholeNumber('--contacts', values.contacts, 0, 10_000),
    end,
  };
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        months: { type: 'string', default: '24' },
        seed: { type: 'string', default: '2024' },
        cases: { type: 'string', default: String(DEFAULT_CASES_PER_MONTH) },
        inspections: { type: 'string', default: String(DEFAULT_INSPECTIONS_PER_WEEK) },
        contacts: { type: 'string', default: String(DEFAULT_CONTACTS_PER_DAY) },
        end: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node's argument parser reports unknown options and missing values as TypeErrors with a code.
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

function wholeNumber(option: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new UsageError(`${option} takes a whole number from ${min} to ${max}, got ${value}`);
  return number;
}

async function main(argv: string[]): Promise<void> {
  const options = parseArguments(argv);
  if (!options) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const plan = planDemo({ ...options, observationWindowDays: config.careObservationWindowDays });
  const started = Date.now();
  let month = '';
  const summary = await fillDemoStore({
    config,
    plan,
    onStart: () =>
      console.log(
        `Filling ${config.dataDir} with ${options.months} month${options.months === 1 ? '' : 's'} of a school's history ` +
          `(seed ${options.seed}): ${plan.steps.length} commands, from ${day(plan.start)} to ${day(plan.end)}.`,
      ),
    onStep: (done, step) => {
      if (step.recordedAt.slice(0, 7) === month && done < plan.steps.length) return;
      month = step.recordedAt.slice(0, 7);
      console.log(`  ${month}  ${String(done).padStart(7)} / ${plan.steps.length} commands  ${seconds(started)}`);
    },
  });
  printSummary(summary, config.careObservationWindowDays, started);
}

function printSummary(summary: DemoSummary, observationWindowDays: number, started: number): void {
  const { organisation, standards, quality, surveys, care, support, feedback, competence, training, trainingPlans, council, motivation, motivationIssued } = summary;
  const conversion = training.webinarAttendees === 0 ? 0 : (100 * training.webinarBuyers) / training.webinarAttendees;
  const decided = care.cases - care.stillOpen;
  const retainedNet = care.retentions - care.lostSaves;
  const retentionShare = decided === 0 ? 0 : (100 * retainedNet) / decided;
  const verdicts = quality.passed + quality.failed;
  const passRate = verdicts === 0 ? 0 : (100 * quality.passed) / verdicts;
  const { raised, accepted, rejected } = quality.disputes;
  console.log(`
Done in ${seconds(started)}, the read models caught up. From ${day(new Date(summary.from))} to ${day(new Date(summary.to))}:
  organisation    ${organisation.sections} sections, ${organisation.positions} positions, ${organisation.products} products and funnels
                  ${organisation.hires} hires, ${organisation.employeeMoves} moves and ${organisation.departures} departures; \
sections moved: ${organisation.sectionMoves}
  standards       ${standards.published} published, ${standards.revisions} revisions, ${standards.retirements} retired
  checklists      ${quality.templates} templates, ${quality.newVersions} new versions
  inspections     ${quality.started} started, of which ${quality.reinspections} re-inspections; ${verdicts} verdicts, ${passRate.toFixed(1)} % passed
  disputes        ${raised} raised: ${accepted} accepted, ${quality.disputes['partly-accepted']} partly accepted, ${rejected} rejected
  surveys         ${surveys.surveys} surveys in ${surveys.waves} waves, ${surveys.identifiedResponses} client responses, \
${surveys.anonymousResponses} anonymous ones
                  ${surveys.bonuses} bonuses granted for feedback
  care cases      ${care.cases} (${care.stillOpen} still open)
  retentions      ${care.retentions}
  refunds         ${care.refunds}, of which ${care.lostSaves} lost saves (refunds within ${observationWindowDays} days of a retention)
  retention share ${retentionShare.toFixed(1)} % of decided cases kept their money in the company
  support line    ${support.tickets} tickets in ${support.lines} helpdesk events, imported in ${support.imports} nightly files
  feedback        ${feedback.thanks} thanks, ${feedback.complaints} complaints (${feedback.closedComplaints} ruled on)
  competence      ${competence.competencies} competencies, ${competence.profileVersions} job profile versions, ${competence.careerPaths} career paths
  assessments     ${competence.managerAssessments} by managers, ${competence.checkAttempts} knowledge check attempts in ${competence.checkCampaigns} quarterly campaigns \
(${competence.checksNotTaken} not taken), \
${competence.attestations} attestations, ${competence.selfAssessments} self assessments
  knowledge base  ${training.materials} materials, ${training.materialReviews} reviews and revisions, ${training.acknowledgements} regulations signed
  group training  ${training.sessions} sessions and courses, ${training.attendances} attendances; ${training.webinars} webinars, \
${conversion.toFixed(1)} % of attendees bought
  training plans  ${trainingPlans.approved} approved (${trainingPlans.trimmed} edited at review), ${trainingPlans.cancelled} cancelled, \
${trainingPlans.itemsCompleted} items completed, ${trainingPlans.reassessments} re-assessments
  council         ${council.members} members; ${council.meetings} weekly meetings, ${council.withoutQuorum} without quorum; \
${council.proposals} proposals (${council.supportProposals} on missed support weeks): ${council.adopted} adopted, ${council.rejected} rejected
                  ${council.votes} votes, ${council.dissents} dissenting opinions, ${council.staleItemsResolved} stale items carried over or escalated
  programs        ${council.programs} improvement programs, ${council.closedPrograms} closed; ${council.actions} actions, \
${council.lateActions} completed late
                  ${council.programsInFull} with a full plan of measures (standards, a training need, stages, a document to change), \
${council.reschedules} actions rescheduled
  motivation      ${motivation.ruleVersions} rule versions adopted by the council; ${motivation.closedMonths} months closed, \
${motivationIssued.statements} statements, ${motivationIssued.adjustments} adjustments; refunds of ${motivation.lateCorrections} closed months entered late
  commands        ${summary.commands}
  head position   ${summary.headPosition}

Next: start the api on this store (npm start) and follow "Try it" in the README.`);
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

runProgram(() => main(process.argv.slice(2)), {
  usage: USAGE,
  plain: (error) => error instanceof ConfigError || error instanceof DemoStoreNotEmptyError,
});
