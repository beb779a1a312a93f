import { everyItem } from './api.js';
import { formatMoment, formatNumber } from './format.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { hrefOf } from './place.js';
import { Status } from './status.js';
import type { GoalProgress, ProgramSummary } from './types.js';

/** The improvement programs as known at the moment, earliest first: how far each goal is, and how the actions stand. */
export function ProgramsView({ asOf }: { asOf: string | undefined }) {
  const programs = useLoad(() => everyItem<ProgramSummary>('/improvement-programs', { asOf }), [asOf]);
  return (
    <section aria-labelledby="programs-title">
      <h2 id="programs-title">Improvement programs</h2>
      <Status loaded={programs}>
        {(items) =>
          items.length === 0 ? (
            <p>No program was created by then.</p>
          ) : (
            <table class="listing programs">
              <caption class="visually-hidden">Improvement programs, earliest first, with their goals and actions</caption>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Goals met</th>
                  <th scope="col">Actions open (overdue)</th>
                  <th scope="col">Done</th>
                </tr>
              </thead>
              <tbody>
                {items.map((program) => (
                  <tr key={program.programId} data-program={program.programId}>
                    <td>
                      <Link href={hrefOf({ view: { kind: 'program', programId: program.programId }, asOf })}>{program.title}</Link>
                    </td>
                    <td data-testid="status">{program.status}</td>
                    <td>{formatMoment(program.createdAt)}</td>
                    <td data-testid="goals" data-met={program.goals.filter((goal) => goal.onTarget).length}>
                      <GoalsMet goals={program.goals} />
                    </td>
                    <td data-testid="open" data-value={program.actions.open}>
                      {program.actions.open} ({program.actions.overdue})
                    </td>
                    <td>{program.actions.completed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
    </section>
  );
}

function GoalsMet({ goals }: { goals: readonly GoalProgress[] }) {
  return (
    <ul class="goal-list">
      {goals.map((goal) => (
        <li key={goal.indicator} class={goal.onTarget ? 'met' : 'not-met'}>
          {goal.indicator}: {formatNumber(goal.current)} for {goal.direction === 'higher-is-better' ? 'at least' : 'at most'}{' '}
          {formatNumber(goal.targetValue)} ({goal.onTarget ? 'met' : 'not yet'})
        </li>
      ))}
    </ul>
  );
}
