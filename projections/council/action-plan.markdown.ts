import type { Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { dayOf } from '#domain/shared/days.js';
import type { DocumentKind } from '#domain/council/index.js';
import { planOf, type ActionEntry, type DocumentChangeEntry, type ProgramDocument, type StageEntry, type TrainingNeedEntry } from './council.projection.js';

/** What the ids of a plan name, as the catalogues knew them at the same moment; an id without a name is printed alone. */
export interface PlanNames {
  readonly standards: ReadonlyMap<string, string>;
  readonly materials: ReadonlyMap<string, string>;
  readonly competencies: ReadonlyMap<string, string>;
  readonly employees: ReadonlyMap<string, string>;
}

/*
 * The plan is built as a Markdown syntax tree and serialised by mdast-util-to-markdown, which escapes
 * whatever the text holds (a `|` in a table cell, a leading `#`, `*`, `<`, a line break) so that the
 * user's words read back as written and never as Markdown.
 */

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const heading = (depth: 1 | 2 | 3, value: string): Heading => ({ type: 'heading', depth, children: [text(value)] });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const nothing = (value: string): Paragraph => paragraph({ type: 'emphasis', children: [text(value)] });

function table(header: readonly string[], rows: readonly (readonly PhrasingContent[][])[]): Table {
  const row = (cells: readonly PhrasingContent[][]) => ({ type: 'tableRow' as const, children: cells.map((children): TableCell => ({ type: 'tableCell', children })) });
  return { type: 'table', children: [row(header.map((title) => [text(title)])), ...rows.map(row)] };
}

/** A name followed by its id, or the id alone when the catalogue had no name for it. */
function named(names: ReadonlyMap<string, string>, id: string): PhrasingContent[] {
  const name = names.get(id);
  return name === undefined ? [code(id)] : [text(`${name} (`), code(id), text(')')];
}

/** Positions have no names in the plan: their ids are shown. */
const NO_NAMES: ReadonlyMap<string, string> = new Map();

function namedList(names: ReadonlyMap<string, string>, ids: readonly string[]): PhrasingContent[] {
  return ids.flatMap((id, index) => [...(index === 0 ? [] : [text(', ')]), ...named(names, id)]);
}

function standardsSection(standardIds: readonly string[], names: PlanNames): RootContent[] {
  if (standardIds.length === 0) return [nothing('No standards listed.')];
  return [{ type: 'list', ordered: false, spread: false, children: standardIds.map((id) => ({ type: 'listItem', children: [paragraph(...named(names.standards, id))] })) }];
}

function needsSection(needs: readonly TrainingNeedEntry[], names: PlanNames): RootContent[] {
  if (needs.length === 0) return [nothing('No training needs recorded.')];
  const rows = needs.map((need) => [
    named(names.competencies, need.competencyId),
    namedList(names.employees, need.employeeIds),
    need.positionIds.length === 0 ? [text('—')] : namedList(NO_NAMES, need.positionIds),
    [text(need.dueOn)],
  ]);
  return [table(['Competency', 'Employees', 'Positions', 'Due'], rows)];
}

/** The current deadline, then each earlier one with the reason it moved. */
function deadlineOf(action: ActionEntry): string {
  const moves = (action.reschedules ?? []).map((move) => `was ${move.previousDeadline}: ${move.reason}`);
  return moves.length === 0 ? action.deadline : `${action.deadline} (${moves.join('; ')})`;
}

function actionStatus(action: ActionEntry): string {
  if (action.cancelled !== undefined) return `cancelled ${dayOf(action.cancelled.cancelledAt)}: ${action.cancelled.reason}`;
  if (action.completedAt !== undefined) return `completed ${dayOf(action.completedAt)}`;
  return 'open';
}

function actionsTable(actions: readonly ActionEntry[], names: PlanNames): Table {
  const rows = actions.map((action) => [
    [text(action.description)],
    named(names.employees, action.ownerId),
    [text(deadlineOf(action))],
    [text(action.completionCriteria)],
    [text(actionStatus(action))],
  ]);
  return table(['Action', 'Responsible', 'Deadline', 'Completion criteria', 'Status'], rows);
}

function stagedActions(heading3: string, actions: readonly ActionEntry[], names: PlanNames): RootContent[] {
  return [heading(3, heading3), ...(actions.length === 0 ? [nothing('No actions planned.')] : [actionsTable(actions, names)])];
}

function stagesSection(stages: readonly StageEntry[], actions: readonly ActionEntry[], names: PlanNames): RootContent[] {
  const staged = stages.flatMap((stage, index) => stagedActions(`Stage ${index + 1}. ${stage.title}`, actions.filter((action) => action.stageId === stage.stageId), names));
  const unstaged = actions.filter((action) => action.stageId === undefined);
  const outside = unstaged.length === 0 ? [] : stagedActions('Outside the stages', unstaged, names);
  return staged.length + outside.length === 0 ? [nothing('No stages or actions planned.')] : [...staged, ...outside];
}

const DOCUMENT_LABELS: Readonly<Record<DocumentKind, { readonly label: string; readonly names: keyof PlanNames }>> = {
  'knowledge-base': { label: 'Knowledge base', names: 'materials' },
  standard: { label: 'Standard', names: 'standards' },
};

function documentOf({ document }: DocumentChangeEntry, names: PlanNames): PhrasingContent[] {
  const { label, names: catalogue } = DOCUMENT_LABELS[document.kind];
  const name = names[catalogue].get(document.id);
  return [text(`${label}: ${name === undefined ? '' : `${name} `}(`), code(document.id), text(`, version ${document.version})`)];
}

function changeStatus({ completed }: DocumentChangeEntry): string {
  if (completed === undefined) return 'open';
  return `done ${dayOf(completed.completedAt)}${completed.version === undefined ? '' : `, version ${completed.version}`}`;
}

function documentsSection(changes: readonly DocumentChangeEntry[], names: PlanNames): RootContent[] {
  if (changes.length === 0) return [nothing('No documents to change.')];
  const rows = changes.map((change) => [documentOf(change, names), [text(change.change)], named(names.employees, change.ownerId), [text(change.deadline)], [text(changeStatus(change))]]);
  return [table(['Document', 'Change', 'Responsible', 'Deadline', 'Status'], rows)];
}

/**
 * A program's plan of measures as a printable Markdown document, in the order of the seed's action
 * plan: the standards to apply, the training needs, the stages with their actions (an owner, a
 * deadline with the reasons it moved, completion criteria, and whether each is open, completed or
 * cancelled with the reason), and the documents to change. `position` is the moment it reflects.
 */
export function actionPlanMarkdown(program: ProgramDocument, names: PlanNames, position: string): string {
  const { standardIds, trainingNeeds, stages, actions, documentChanges } = planOf(program);
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, `Action plan: ${program.title}`),
      paragraph(
        text('Improvement program '),
        code(program.programId),
        text(' carrying out decision '),
        code(program.decisionId),
        text(`, ${program.status}. As of position ${position}.`),
      ),
      heading(2, '1. Standards to apply'),
      ...standardsSection(standardIds, names),
      heading(2, '2. Training needs'),
      ...needsSection(trainingNeeds, names),
      heading(2, '3. Stages and actions'),
      ...stagesSection(stages, actions, names),
      heading(2, '4. Documents to change'),
      ...documentsSection(documentChanges, names),
    ],
  };
  return toMarkdown(tree, { bullet: '-', emphasis: '_', extensions: [gfmTableToMarkdown({ tablePipeAlign: false })] });
}
