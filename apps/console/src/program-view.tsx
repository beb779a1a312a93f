import { getJson } from './api.js';
import { formatMoment, formatNumber } from './format.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { hrefOf } from './place.js';
import { Status } from './status.js';
import type { GoalProgress, Program, ProgramAction } from './types.js';

/** An improvement program (`GET /improvement-programs/{id}`) as known at the moment: goals with progress, stages and actions. */
export function ProgramView({ programId, asOf }: { programId: string; asOf: string | undefined }) {
  const program = useLoad(() => getJson<Program>(`/improvement-programs/${encodeURIComponent(programId)}`, { asOf }), [programId, asOf]);
  return (
    <section aria-labelledby="program-title">
      <h2 id="program-title">Improvement program {programId}</h2>
      <Status loaded={program}>{(value) => <ProgramParts program={value} asOf={asOf} />}</Status>
    </section>
  );
}

function ProgramParts({ program, asOf }: { program: Program; asOf: string | undefined }) {
  return (
    <>
      <p>
        <strong>{program.title}</strong>: {program.status}, created {formatMoment(program.createdAt)} from decision {program.decisionId}
        {program.closedAt !== undefined && `, closed ${formatMoment(program.closedAt)}`}.{' '}
        <Link href={hrefOf({ view: { kind: 'plan', programId: program.programId }, asOf })}>Printable plan</Link>
      </p>
      <Goals goals={program.goals} asOf={asOf} />
      <Stages program={program} />
      <Actions program={program} />
    </>
  );
}

function Goals({ goals, asOf }: { goals: readonly GoalProgress[]; asOf: string | undefined }) {
  const liveLabel = asOf === undefined ? 'This week, as known now' : `Its week, as known at ${formatMoment(asOf)}`;
  return (
    <section aria-labelledby="goals-title">
      <h3 id="goals-title">Goals</h3>
      <table class="listing goals">
        <caption class="visually-hidden">Goals with their baseline, target and live value</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Baseline</th>
            <th scope="col">Target</th>
            <th scope="col">{liveLabel}</th>
            <th scope="col">Met</th>
          </tr>
        </thead>
        <tbody>
          {goals.map((goal) => (
            <tr key={goal.indicator} data-goal={goal.indicator}>
              <td>{goal.indicator}</td>
              <td data-testid="baseline" data-value={goal.baseline ?? ''}>
                {formatNumber(goal.baseline)}
              </td>
              <td data-testid="target" data-value={goal.targetValue}>
                {goal.direction === 'higher-is-better' ? 'at least' : 'at most'} {formatNumber(goal.targetValue)} by {goal.targetDate}
              </td>
              <td data-testid="current" data-value={goal.current ?? ''}>
                {formatNumber(goal.current)}
              </td>
              <td data-testid="met" class={goal.onTarget ? 'met' : 'not-met'}>
                {goal.onTarget ? 'met' : 'not yet'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}


function Stages({ program }: { program: Program }) {
  return (
    <section aria-labelledby="stages-title">
      <h3 id="stages-title">Stages</h3>
      {program.stages.length === 0 ? (
        <p>No stage planned: the actions stand on their own.</p>
      ) : (
        <ol class="stages">
          {program.stages.map((stage) => (
            <li key={stage.stageId} data-stage={stage.stageId}>
              {stage.title} (planned {formatMoment(stage.plannedAt)})
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Actions({ program }: { program: Program }) {
  const stageTitle = (stageId: string | undefined) => program.stages.find((stage) => stage.stageId === stageId)?.title ?? '—';
  return (
    <section aria-labelledby="actions-title">
      <h3 id="actions-title">Actions</h3>
      {program.actions.length === 0 ? (
        <p>No action planned.</p>
      ) : (
        <table class="listing actions">
          <caption class="visually-hidden">Actions with their owner, deadline and status</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Stage</th>
              <th scope="col">Owner</th>
              <th scope="col">Deadline</th>
              <th scope="col">Status</th>
              <th scope="col">Deadline changes</th>
            </tr>
          </thead>
          <tbody>
            {program.actions.map((action) => (
              <tr key={action.actionId} data-action={action.actionId}>
                <td>
                  {action.description}
                  <br />
                  <small>Done when: {action.completionCriteria}</small>
                </td>
                <td>{stageTitle(action.stageId)}</td>
                <td>{action.ownerId}</td>
                <td>{action.deadline}</td>
                <td data-testid="action-status">{actionStatus(action)}</td>
                <td>
                  <Reschedules action={action} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function actionStatus(action: ProgramAction): string {
  if (action.cancelled) return `cancelled ${formatMoment(action.cancelled.cancelledAt)}: ${action.cancelled.reason}`;
  if (action.completedAt !== undefined) return `completed ${formatMoment(action.completedAt)}`;
  return 'open';
}

function Reschedules({ action }: { action: ProgramAction }) {
  if (!action.reschedules?.length) return <>none</>;
  return (
    <ul class="reschedules">
      {action.reschedules.map((change) => (
        <li key={change.rescheduledAt}>
          {change.previousDeadline} to {change.deadline}: {change.reason}
        </li>
      ))}
    </ul>
  );
}
