import { DomainRuleError, NotFoundError, fold } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { orgStructureDecider } from './org-structure.decider.js';
import type { OrgStructureEvent } from './org-structure.events.js';
import type { ProductCommand } from './product.commands.js';
import { productDecider } from './product.decider.js';
import type { ProductCreated, ProductEvent, ProductRetired } from './product.events.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

const section = (sectionId: string, createdAt = JAN): OrgStructureEvent => ({
  type: 'SectionCreated',
  data: { sectionId, name: sectionId, valuableFinalProduct: 'x', createdAt },
});
const structure = fold(orgStructureDecider(), [
  section('webinars'),
  section('courses'),
  section('archive'),
  { type: 'SectionClosed', data: { sectionId: 'archive', closedAt: JAN } },
  section('later', MAR),
]);

const create: ProductCommand = {
  type: 'CreateProduct',
  productId: 'webinar-1',
  kind: 'product',
  name: 'Spring webinar',
  sectionId: 'webinars',
  structure,
  at: JAN,
};
const created: ProductCreated = {
  type: 'ProductCreated',
  data: { productId: 'webinar-1', kind: 'product', name: 'Spring webinar', sectionId: 'webinars', createdAt: JAN },
};
const retired: ProductRetired = { type: 'ProductRetired', data: { productId: 'webinar-1', retiredAt: FEB } };
const transfer = (sectionId: string, at = FEB): ProductCommand => ({ type: 'TransferProduct', productId: 'webinar-1', sectionId, structure, at });
const rename = (name: string, at = FEB): ProductCommand => ({ type: 'RenameProduct', productId: 'webinar-1', name, at });

const { given } = deciderSpec(productDecider());

describe('product decider', () => {
  it('creates a product owned by an open section', () => {
    given([]).when(create).then([created]);
  });

  it('creates a funnel', () => {
    given([])
      .when({ ...create, kind: 'funnel', name: 'Webinar funnel' })
      .then([{ type: 'ProductCreated', data: { ...created.data, kind: 'funnel', name: 'Webinar funnel' } }]);
  });

  it('refuses a product id that is taken', () => {
    given([created]).when(create).thenThrows(DomainRuleError, 'PRODUCT_EXISTS');
  });

  it('refuses an owner section that is closed or did not exist yet, and names an unknown one', () => {
    given([]).when({ ...create, sectionId: 'archive' }).thenThrows(DomainRuleError, 'SECTION_CLOSED');
    given([]).when({ ...create, sectionId: 'later' }).thenThrows(DomainRuleError, 'SECTION_NOT_YET_CREATED');
    given([]).when({ ...create, sectionId: 'nowhere' }).thenRejects(['sectionId']);
  });

  it('renames a product, and appends nothing for the same name', () => {
    given([created])
      .when(rename('Autumn webinar'))
      .then([{ type: 'ProductRenamed', data: { productId: 'webinar-1', name: 'Autumn webinar', previousName: 'Spring webinar', renamedAt: FEB } }]);
    given([created]).when(rename('Spring webinar')).then([]);
  });

  it('transfers a product to another open section, and appends nothing for the owning one', () => {
    given([created])
      .when(transfer('courses'))
      .then([{ type: 'ProductTransferred', data: { productId: 'webinar-1', sectionId: 'courses', previousSectionId: 'webinars', transferredAt: FEB } }]);
    given([created]).when(transfer('webinars')).then([]);
  });

  it('refuses a transfer to a closed section and names an unknown one', () => {
    given([created]).when(transfer('archive')).thenThrows(DomainRuleError, 'SECTION_CLOSED');
    given([created]).when(transfer('nowhere')).thenRejects(['sectionId']);
  });

  it('retires a product', () => {
    given([created]).when({ type: 'RetireProduct', productId: 'webinar-1', at: FEB }).then([retired]);
  });

  it.each<[string, ProductCommand]>([
    ['a rename', rename('Autumn webinar', MAR)],
    ['a transfer', transfer('courses', MAR)],
    ['a retirement', { type: 'RetireProduct', productId: 'webinar-1', at: MAR }],
  ])('refuses %s of a retired product', (_name, command) => {
    given([created, retired]).when(command).thenThrows(DomainRuleError, 'PRODUCT_RETIRED');
  });

  it.each<[string, ProductCommand]>([
    ['a rename', rename('Autumn webinar', JAN)],
    ['a transfer', transfer('courses', JAN)],
    ['a retirement', { type: 'RetireProduct', productId: 'webinar-1', at: JAN }],
  ])('refuses %s dated before the last change', (_name, command) => {
    const renamed: ProductEvent = { type: 'ProductRenamed', data: { productId: 'webinar-1', name: 'B', previousName: 'A', renamedAt: FEB } };
    given([created, renamed]).when(command).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
  });

  it.each<[string, ProductCommand]>([
    ['a rename', rename('Autumn webinar')],
    ['a transfer', transfer('courses')],
    ['a retirement', { type: 'RetireProduct', productId: 'webinar-1', at: FEB }],
  ])('does not find an unknown product for %s', (_name, command) => {
    given([]).when(command).thenThrows(NotFoundError);
  });

  it.each<[string, ProductCommand, string]>([
    ['an unknown kind', { ...create, kind: 'service' as 'product' }, 'kind'],
    ['a blank name', { ...create, name: ' ' }, 'name'],
    ['a product id that is no id', { ...create, productId: 'a@b.c' }, 'productId'],
    ['a section id that is no id', { ...create, sectionId: 'a b' }, 'sectionId'],
  ])('names the field of %s', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});
