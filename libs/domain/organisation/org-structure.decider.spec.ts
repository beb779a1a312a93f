import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { OrgStructureCommand } from './org-structure.commands.js';
import { orgStructureDecider } from './org-structure.decider.js';
import type { PositionCreated, SectionClosed, SectionCreated } from './org-structure.events.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

const created = (sectionId: string, parentId?: string, createdAt = JAN): SectionCreated => ({
  type: 'SectionCreated',
  data: {
    sectionId,
    name: `Section ${sectionId}`,
    valuableFinalProduct: `What ${sectionId} delivers`,
    ...(parentId !== undefined && { parentId }),
    createdAt,
  },
});
const closed = (sectionId: string, closedAt = FEB): SectionClosed => ({ type: 'SectionClosed', data: { sectionId, closedAt } });
const positionCreated = (positionId: string, sectionId?: string, createdAt = JAN): PositionCreated => ({
  type: 'PositionCreated',
  data: { positionId, title: `Title ${positionId}`, ...(sectionId !== undefined && { sectionId }), createdAt },
});

const empty = { activeProducts: 0, employees: 0 };
const close = (sectionId: string, at = MAR, occupants = empty): OrgStructureCommand => ({ type: 'CloseSection', sectionId, occupants, at });
const move = (sectionId: string, parentId: string | null, at = MAR): OrgStructureCommand => ({ type: 'MoveSection', sectionId, parentId, at });

const { given } = deciderSpec(orgStructureDecider());

describe('organisation structure decider', () => {
  describe('sections', () => {
    it('creates a top-level section with its valuable final product', () => {
      given([])
        .when({ type: 'CreateSection', sectionId: 'quality', name: 'Section quality', valuableFinalProduct: 'What quality delivers', at: JAN })
        .then([created('quality')]);
    });

    it('creates a section under an open parent, in canonical UTC', () => {
      given([created('quality')])
        .when({
          type: 'CreateSection',
          sectionId: 'surveys',
          name: 'Section surveys',
          valuableFinalProduct: 'What surveys delivers',
          parentId: 'quality',
          at: '2026-02-02T09:00:00Z',
        })
        .then([created('surveys', 'quality', FEB)]);
    });

    it('refuses a section id that is taken', () => {
      given([created('quality')])
        .when({ type: 'CreateSection', sectionId: 'quality', name: 'Again', valuableFinalProduct: 'x', at: FEB })
        .thenThrows(DomainRuleError, 'SECTION_EXISTS');
    });

    it('names parentId when the parent does not exist', () => {
      given([]).when({ type: 'CreateSection', sectionId: 's', name: 'S', valuableFinalProduct: 'x', parentId: 'nowhere', at: JAN }).thenRejects(['parentId']);
    });

    it('refuses a parent that is closed', () => {
      given([created('old'), closed('old')])
        .when({ type: 'CreateSection', sectionId: 's', name: 'S', valuableFinalProduct: 'x', parentId: 'old', at: MAR })
        .thenThrows(DomainRuleError, 'SECTION_CLOSED');
    });

    it('refuses a child dated before its parent was created', () => {
      given([created('quality', undefined, FEB)])
        .when({ type: 'CreateSection', sectionId: 's', name: 'S', valuableFinalProduct: 'x', parentId: 'quality', at: JAN })
        .thenThrows(DomainRuleError, 'SECTION_NOT_YET_CREATED');
    });

    it('renames a section, recording the previous name, and appends nothing for the same name', () => {
      given([created('quality')])
        .when({ type: 'RenameSection', sectionId: 'quality', name: 'Quality control', at: FEB })
        .then([{ type: 'SectionRenamed', data: { sectionId: 'quality', name: 'Quality control', previousName: 'Section quality', renamedAt: FEB } }]);
      given([created('quality')]).when({ type: 'RenameSection', sectionId: 'quality', name: 'Section quality', at: FEB }).then([]);
    });

    it('changes the valuable final product, and appends nothing for the same one', () => {
      given([created('quality')])
        .when({ type: 'ChangeValuableFinalProduct', sectionId: 'quality', valuableFinalProduct: 'Products that pass their checklists', at: FEB })
        .then([
          {
            type: 'SectionValuableFinalProductChanged',
            data: { sectionId: 'quality', valuableFinalProduct: 'Products that pass their checklists', changedAt: FEB },
          },
        ]);
      given([created('quality')])
        .when({ type: 'ChangeValuableFinalProduct', sectionId: 'quality', valuableFinalProduct: 'What quality delivers', at: FEB })
        .then([]);
    });

    it('moves a section under another parent and back to the top level', () => {
      given([created('a'), created('b')])
        .when(move('b', 'a'))
        .then([{ type: 'SectionMoved', data: { sectionId: 'b', parentId: 'a', movedAt: MAR } }]);
      given([created('a'), created('b', 'a')])
        .when(move('b', null))
        .then([{ type: 'SectionMoved', data: { sectionId: 'b', previousParentId: 'a', movedAt: MAR } }]);
    });

    it('appends nothing for a move under the parent it has', () => {
      given([created('a'), created('b', 'a')]).when(move('b', 'a')).then([]);
      given([created('a')]).when(move('a', null)).then([]);
    });

    it.each<[string, string]>([
      ['itself', 'a'],
      ['its child', 'b'],
      ['its grandchild', 'c'],
    ])('refuses to move a section under %s', (_name, parentId) => {
      given([created('a'), created('b', 'a'), created('c', 'b')])
        .when(move('a', parentId))
        .thenThrows(DomainRuleError, 'SECTION_CYCLE');
    });

    it('refuses a move under a closed parent, and names parentId for an unknown one', () => {
      given([created('a'), created('b'), closed('b')]).when(move('a', 'b')).thenThrows(DomainRuleError, 'SECTION_CLOSED');
      given([created('a')]).when(move('a', 'nowhere')).thenRejects(['parentId']);
    });

    it('closes an empty section', () => {
      given([created('a')]).when(close('a')).then([closed('a', MAR)]);
    });

    it('closes a section whose sub-sections were all closed by then', () => {
      given([created('a'), created('b', 'a'), closed('b', FEB)]).when(close('a')).then([closed('a', MAR)]);
    });

    it('refuses to close a section with an open sub-section', () => {
      given([created('a'), created('b', 'a')]).when(close('a')).thenThrows(DomainRuleError, 'SECTION_HAS_OPEN_SUBSECTIONS');
    });

    it('refuses a closure dated before a sub-section was closed: it was still open then', () => {
      given([created('a'), created('b', 'a'), closed('b', MAR)])
        .when(close('a', FEB))
        .thenThrows(DomainRuleError, 'SECTION_HAS_OPEN_SUBSECTIONS');
    });

    it('refuses to close a section that owns active products', () => {
      given([created('a')]).when(close('a', MAR, { activeProducts: 2, employees: 0 })).thenThrows(DomainRuleError, 'SECTION_HAS_ACTIVE_PRODUCTS');
    });

    it('refuses to close a section that has employees', () => {
      given([created('a')]).when(close('a', MAR, { activeProducts: 0, employees: 1 })).thenThrows(DomainRuleError, 'SECTION_HAS_EMPLOYEES');
    });

    it.each<[string, OrgStructureCommand]>([
      ['a rename', { type: 'RenameSection', sectionId: 'a', name: 'New', at: MAR }],
      ['a change of the valuable final product', { type: 'ChangeValuableFinalProduct', sectionId: 'a', valuableFinalProduct: 'New', at: MAR }],
      ['a move', move('a', null)],
      ['a closure', close('a')],
    ])('refuses %s of a closed section', (_name, command) => {
      given([created('a'), closed('a')]).when(command).thenThrows(DomainRuleError, 'SECTION_CLOSED');
    });

    it.each<[string, OrgStructureCommand]>([
      ['a rename', { type: 'RenameSection', sectionId: 'a', name: 'New', at: JAN }],
      ['a move', move('a', 'b', JAN)],
      ['a closure', close('a', JAN)],
    ])('refuses %s dated before the last change of the section', (_name, command) => {
      given([created('b'), created('a'), { type: 'SectionRenamed', data: { sectionId: 'a', name: 'A', previousName: 'Section a', renamedAt: FEB } }])
        .when(command)
        .thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
    });

    it.each<[string, OrgStructureCommand]>([
      ['a rename', { type: 'RenameSection', sectionId: 'nowhere', name: 'New', at: MAR }],
      ['a change of the valuable final product', { type: 'ChangeValuableFinalProduct', sectionId: 'nowhere', valuableFinalProduct: 'x', at: MAR }],
      ['a move', move('nowhere', null)],
      ['a closure', close('nowhere')],
    ])('does not find an unknown section for %s', (_name, command) => {
      given([]).when(command).thenThrows(NotFoundError);
    });

    it.each<[string, OrgStructureCommand, string]>([
      ['a section id that is no id', { type: 'CreateSection', sectionId: 'a b', name: 'S', valuableFinalProduct: 'x', at: JAN }, 'sectionId'],
      ['a blank name', { type: 'CreateSection', sectionId: 's', name: '  ', valuableFinalProduct: 'x', at: JAN }, 'name'],
      ['a name too long', { type: 'CreateSection', sectionId: 's', name: 'n'.repeat(201), valuableFinalProduct: 'x', at: JAN }, 'name'],
      ['no valuable final product', { type: 'CreateSection', sectionId: 's', name: 'S', valuableFinalProduct: '', at: JAN }, 'valuableFinalProduct'],
      ['a local time', { type: 'CreateSection', sectionId: 's', name: 'S', valuableFinalProduct: 'x', at: '2026-01-05T09:00:00' }, 'at'],
      ['a parent id that is no id', move('a', '../b'), 'parentId'],
      ['a negative count of products', close('a', MAR, { activeProducts: -1, employees: 0 }), 'occupants.activeProducts'],
      ['a fractional count of employees', close('a', MAR, { activeProducts: 0, employees: 0.5 }), 'occupants.employees'],
    ])('names the field of %s', (_name, command, field) => {
      given([created('a')]).when(command).thenRejects([field]);
    });
  });

  describe('positions', () => {
    it('creates a position of the whole company and one of a section', () => {
      given([]).when({ type: 'CreatePosition', positionId: 'ceo', title: 'Title ceo', at: JAN }).then([positionCreated('ceo')]);
      given([created('quality')])
        .when({ type: 'CreatePosition', positionId: 'inspector', title: 'Title inspector', sectionId: 'quality', at: JAN })
        .then([positionCreated('inspector', 'quality')]);
    });

    it('refuses a position id that is taken', () => {
      given([positionCreated('ceo')]).when({ type: 'CreatePosition', positionId: 'ceo', title: 'CEO', at: FEB }).thenThrows(DomainRuleError, 'POSITION_EXISTS');
    });

    it('refuses a position in a closed section, or before the section existed, and names an unknown one', () => {
      given([created('old'), closed('old')])
        .when({ type: 'CreatePosition', positionId: 'p', title: 'P', sectionId: 'old', at: MAR })
        .thenThrows(DomainRuleError, 'SECTION_CLOSED');
      given([created('new', undefined, MAR)])
        .when({ type: 'CreatePosition', positionId: 'p', title: 'P', sectionId: 'new', at: FEB })
        .thenThrows(DomainRuleError, 'SECTION_NOT_YET_CREATED');
      given([]).when({ type: 'CreatePosition', positionId: 'p', title: 'P', sectionId: 'nowhere', at: MAR }).thenRejects(['sectionId']);
    });

    it('renames a position, and appends nothing for the same title', () => {
      given([positionCreated('ceo')])
        .when({ type: 'RenamePosition', positionId: 'ceo', title: 'Director', at: FEB })
        .then([{ type: 'PositionRenamed', data: { positionId: 'ceo', title: 'Director', previousTitle: 'Title ceo', renamedAt: FEB } }]);
      given([positionCreated('ceo')]).when({ type: 'RenamePosition', positionId: 'ceo', title: 'Title ceo', at: FEB }).then([]);
    });

    it('retires a position nobody holds', () => {
      given([positionCreated('ceo')])
        .when({ type: 'RetirePosition', positionId: 'ceo', holders: 0, at: FEB })
        .then([{ type: 'PositionRetired', data: { positionId: 'ceo', retiredAt: FEB } }]);
    });

    it('refuses to retire a position that is held', () => {
      given([positionCreated('ceo')]).when({ type: 'RetirePosition', positionId: 'ceo', holders: 1, at: FEB }).thenThrows(DomainRuleError, 'POSITION_HELD');
    });

    it.each<[string, OrgStructureCommand]>([
      ['a rename', { type: 'RenamePosition', positionId: 'ceo', title: 'Director', at: MAR }],
      ['a retirement', { type: 'RetirePosition', positionId: 'ceo', holders: 0, at: MAR }],
    ])('refuses %s of a retired position', (_name, command) => {
      given([positionCreated('ceo'), { type: 'PositionRetired', data: { positionId: 'ceo', retiredAt: FEB } }])
        .when(command)
        .thenThrows(DomainRuleError, 'POSITION_RETIRED');
    });

    it('refuses a change dated before the last one, and does not find an unknown position', () => {
      given([positionCreated('ceo', undefined, FEB)])
        .when({ type: 'RenamePosition', positionId: 'ceo', title: 'Director', at: JAN })
        .thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
      given([]).when({ type: 'RetirePosition', positionId: 'nobody', holders: 0, at: JAN }).thenThrows(NotFoundError);
    });

    it.each<[string, OrgStructureCommand, string]>([
      ['a blank title', { type: 'CreatePosition', positionId: 'p', title: '', at: JAN }, 'title'],
      ['a position id that is no id', { type: 'RenamePosition', positionId: 'p/1', title: 'T', at: JAN }, 'positionId'],
      ['a count of holders that is no number', { type: 'RetirePosition', positionId: 'p', holders: '1' as unknown as number, at: JAN }, 'holders'],
    ])('names the field of %s', (_name, command, field) => {
      given([]).when(command).thenRejects([field]);
    });
  });
});
