import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { actionPlanMarkdown, type PlanNames } from './action-plan.markdown.js';
import type { ProgramDocument } from './council.projection.js';

const AT = '2026-03-02T09:00:00.000Z';
const program: ProgramDocument = {
  kind: 'program',
  programId: 'prog-1',
  decisionId: 'p-1',
  title: '# Refunds | scripts',
  status: 'running',
  goals: [],
  standardIds: ['std-refunds'],
  trainingNeeds: [{ needId: 'need-1', competencyId: 'regs', employeeIds: ['emp-1', 'emp-2'], positionIds: ['line-1'], dueOn: '2026-04-30', recordedAt: AT }],
  stages: [{ stageId: 's-1', title: 'New scripts', plannedAt: AT }],
  actions: [
    {
      actionId: 'a-1',
      stageId: 's-1',
      description: 'Rewrite the *discount* | refund script',
      ownerId: 'emp-7',
      deadline: '2026-04-20',
      completionCriteria: 'Published\nand read',
      reschedules: [{ deadline: '2026-04-20', previousDeadline: '2026-03-20', reason: 'Waits for the policy', rescheduledAt: AT }],
    },
    { actionId: 'a-2', description: 'Old action', ownerId: 'emp-8', deadline: '2026-03-10', completionCriteria: 'Done', cancelled: { reason: 'Covered elsewhere', cancelledAt: AT } },
  ],
  documentChanges: [
    {
      changeId: 'ch-1',
      document: { kind: 'knowledge-base', id: 'reg-1', version: 2 },
      change: '<b>New</b> limits',
      ownerId: 'emp-9',
      deadline: '2026-04-15',
      plannedAt: AT,
      completed: { version: 3, completedAt: AT },
    },
  ],
  createdAt: AT,
};
const names: PlanNames = {
  standards: new Map([['std-refunds', 'Refund policy']]),
  materials: new Map([['reg-1', 'Refund regulation']]),
  competencies: new Map([['regs', 'Regulations']]),
  employees: new Map([['emp-1', 'Anna'], ['emp-7', 'Boris']]),
};

const NO_NAMES: PlanNames = { standards: new Map(), materials: new Map(), competencies: new Map(), employees: new Map() };

/** The Markdown parsed back, as a reader's renderer would: CommonMark with GFM tables. */
function parsed(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

function textOf(node: RootContent | Root): string {
  if ('value' in node) return node.value;
  return 'children' in node ? (node.children as RootContent[]).map(textOf).join('') : '';
}

describe('the printable action plan', () => {
  it('gives the standards, the training needs, the stages with their actions and the documents to change, in that order', () => {
    expect(actionPlanMarkdown(program, names, '42')).toBe(
      [
        '# Action plan: # Refunds | scripts',
        '',
        'Improvement program `prog-1` carrying out decision `p-1`, running. As of position 42.',
        '',
        '## 1. Standards to apply',
        '',
        '- Refund policy (`std-refunds`)',
        '',
        '## 2. Training needs',
        '',
        '| Competency | Employees | Positions | Due |',
        '| - | - | - | - |',
        '| Regulations (`regs`) | Anna (`emp-1`), `emp-2` | `line-1` | 2026-04-30 |',
        '',
        '## 3. Stages and actions',
        '',
        '### Stage 1. New scripts',
        '',
        '| Action | Responsible | Deadline | Completion criteria | Status |',
        '| - | - | - | - | - |',
        '| Rewrite the \\*discount\\* \\| refund script | Boris (`emp-7`) | 2026-04-20 (was 2026-03-20: Waits for the policy) | Published&#xA;and read | open |',
        '',
        '### Outside the stages',
        '',
        '| Action | Responsible | Deadline | Completion criteria | Status |',
        '| - | - | - | - | - |',
        '| Old action | `emp-8` | 2026-03-10 | Done | cancelled 2026-03-02: Covered elsewhere |',
        '',
        '## 4. Documents to change',
        '',
        '| Document | Change | Responsible | Deadline | Status |',
        '| - | - | - | - | - |',
        '| Knowledge base: Refund regulation (`reg-1`, version 2) | \\<b>New\\</b> limits | `emp-9` | 2026-04-15 | done 2026-03-02, version 3 |',
        '',
      ].join('\n'),
    );
  });

  it('says what a plan does not have yet', () => {
    const bare: ProgramDocument = { kind: 'program', programId: 'prog-0', decisionId: 'p-0', title: 'Old', status: 'closed', goals: [], actions: [], createdAt: AT };
    const markdown = actionPlanMarkdown(bare, NO_NAMES, '7');
    for (const line of ['_No standards listed._', '_No training needs recorded._', '_No stages or actions planned._', '_No documents to change._']) {
      expect(markdown).toContain(`\n${line}\n`);
    }
  });

  it.each([
    ['a pipe', 'a | b'],
    ['a leading hash', '# not a heading'],
    ['a line break', 'line one\nline two'],
    ['emphasis and code', '*bold* _x_ `code`'],
    ['html', '<script>alert(1)</script>'],
    ['a link', '[click](https://example.org)'],
    ['a list marker', '1. item'],
    ['a table row', '| a | b |'],
    ['a backslash', 'C:\\temp\\'],
  ])('reads %s in user text back as written, never as Markdown', (_case, hostile) => {
    const tree = parsed(
      actionPlanMarkdown(
        {
          ...program,
          title: hostile,
          actions: [{ ...program.actions[0]!, description: hostile, completionCriteria: hostile }],
          documentChanges: [{ ...program.documentChanges![0]!, change: hostile }],
        },
        { ...names, employees: new Map([['emp-7', hostile]]) },
        '42',
      ),
    );
    expect(textOf(tree.children[0]!)).toBe(`Action plan: ${hostile}`);
    const tables = tree.children.filter((node) => node.type === 'table');
    expect(tables).toHaveLength(3);
    const [, actions, documents] = tables.map((table) => table.children[1]!.children.map(textOf));
    expect(actions).toEqual([hostile, `${hostile} (emp-7)`, '2026-04-20 (was 2026-03-20: Waits for the policy)', hostile, 'open']);
    expect(documents![1]).toBe(hostile);
    expect(tree.children.filter((node) => node.type === 'heading')).toHaveLength(6);
  });
});
