import type { ProductKind } from '#domain/organisation/index.js';
import {
  DEMO_PRODUCTS,
  DEMO_SECTIONS,
  DEMO_STAFF,
  departureAt,
  JOBS,
  SECTION_MOVES,
  soleActor,
  spellStartsAt,
  type Job,
} from './demo-company.js';
import { iso, recordedInOrder, type DemoPeriod, type PlannedBase, type Random, type Recorded } from './planning.js';

/**
 * The organisation catalogue of the demo company: its sections, positions, products and founding
 * staff, all dated at the start of the period, then the hires, moves and departures of the staff and
 * one reorganisation as the period goes on.
 */

interface OrganisationBase extends PlannedBase {
  readonly context: 'organisation';
}

export interface CreateSectionStep extends OrganisationBase {
  readonly type: 'create-section';
  readonly sectionId: string;
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly parentId?: string;
}

export interface MoveSectionStep extends OrganisationBase {
  readonly type: 'move-section';
  readonly sectionId: string;
  readonly parentId: string;
}

export interface CreatePositionStep extends OrganisationBase {
  readonly type: 'create-position';
  readonly positionId: string;
  readonly title: string;
  readonly sectionId?: string;
}

export interface CreateProductStep extends OrganisationBase {
  readonly type: 'create-product';
  readonly productId: string;
  readonly kind: ProductKind;
  readonly name: string;
  readonly sectionId: string;
}

export interface HireStep extends OrganisationBase {
  readonly type: 'hire';
  readonly employeeId: string;
  readonly name: string;
  readonly positionId: string;
  readonly sectionId: string;
}

export interface MoveEmployeeStep extends OrganisationBase {
  readonly type: 'move-employee';
  readonly employeeId: string;
  readonly positionId: string;
  readonly sectionId: string;
}

export interface DepartureStep extends OrganisationBase {
  readonly type: 'record-departure';
  readonly employeeId: string;
  readonly reason?: string;
}

type Planned = CreateSectionStep | MoveSectionStep | CreatePositionStep | CreateProductStep | HireStep | MoveEmployeeStep | DepartureStep;
export type OrganisationStep = Recorded<Planned>;

export function planOrganisation(period: DemoPeriod, random: Random): OrganisationStep[] {
  const admin = soleActor('administrator');
  const hr = soleActor('hr-manager');
  const start = iso(period.start.getTime());
  const base = { context: 'organisation', occurredAt: start } as const;

  const catalogue: Planned[] = [
    ...DEMO_SECTIONS.map(
      ({ id, name, valuableFinalProduct, parentId }): CreateSectionStep => ({
        ...base,
        type: 'create-section',
        actor: admin,
        sectionId: id,
        name,
        valuableFinalProduct,
        ...(parentId !== undefined ? { parentId } : {}),
      }),
    ),
    ...Object.values(JOBS).map(
      ({ positionId, title, positionSectionId }): CreatePositionStep => ({
        ...base,
        type: 'create-position',
        actor: hr,
        positionId,
        title,
        ...(positionSectionId !== undefined ? { sectionId: positionSectionId } : {}),
      }),
    ),
    ...DEMO_PRODUCTS.map(
      ({ id, kind, name, sectionId }): CreateProductStep => ({ ...base, type: 'create-product', actor: admin, productId: id, kind, name, sectionId }),
    ),
  ];

  const staffChanges: Planned[] = DEMO_STAFF.flatMap((member) => {
    const [hired, ...moves] = member.spells;
    const placement = (job: Job, sectionId: string) => ({ positionId: JOBS[job].positionId, sectionId });
    const changes: Planned[] = [
      {
        context: 'organisation',
        type: 'hire',
        occurredAt: iso(spellStartsAt(period, hired)),
        actor: hr,
        employeeId: member.id,
        name: member.name,
        ...placement(hired.job, hired.sectionId),
      },
      ...moves.map(
        (moved): MoveEmployeeStep => ({
          context: 'organisation',
          type: 'move-employee',
          occurredAt: iso(spellStartsAt(period, moved)),
          actor: hr,
          employeeId: member.id,
          ...placement(moved.job, moved.sectionId),
        }),
      ),
    ];
    const leftAt = departureAt(period, member);
    if (leftAt !== undefined) {
      changes.push({
        context: 'organisation',
        type: 'record-departure',
        occurredAt: iso(leftAt),
        actor: hr,
        employeeId: member.id,
        ...(member.departureReason !== undefined ? { reason: member.departureReason } : {}),
      });
    }
    return changes;
  });

  const reorganisations = SECTION_MOVES.map(
    ({ sectionId, parentId, at }): MoveSectionStep => ({
      context: 'organisation',
      type: 'move-section',
      occurredAt: iso(period.timeAt(at)),
      actor: admin,
      sectionId,
      parentId,
    }),
  );

  // The founding staff is hired with the catalogue; later changes are each a story of their own.
  const [founding, later] = partition([...staffChanges, ...reorganisations], (step) => step.occurredAt === start);
  const opening = recordedInOrder([...catalogue, ...founding], random, period.end);
  const changes = later.flatMap((step) => recordedInOrder([step], random, period.end));
  return [...opening, ...changes];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
