import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventSchemaRegistry, UpcasterRegistry } from '#kernel';
import { recorded } from '#kernel/testing.js';
import { DOMAIN_EVENT_SCHEMAS } from './domain.schemas.js';

const DOMAIN_DIR = join(process.cwd(), 'libs', 'domain');

/**
 * The event types the domain declares: every PascalCase string literal of an `*.events.ts` file
 * (event types are the only ones; kinds, categories and ids are lower case).
 */
function declaredEventTypes(): string[] {
  const files = readdirSync(DOMAIN_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.events.ts'));
  const types = files.flatMap((file) =>
    [...readFileSync(join(DOMAIN_DIR, file), 'utf8').matchAll(/'([A-Z][a-z]+(?:[A-Z][a-z]+)+)'/g)].map((match) => match[1]!),
  );
  return [...new Set(types)].sort();
}

describe('the event catalogue of the domain', () => {
  const registry = new EventSchemaRegistry(DOMAIN_EVENT_SCHEMAS);

  it('has a schema for every event type the domain declares, and none for a type it does not', () => {
    const declared = declaredEventTypes();
    expect(declared).toContain('CareCaseOpened');
    expect(registry.types().map((definition) => definition.type).sort()).toEqual(declared);
  });

  it.each(DOMAIN_EVENT_SCHEMAS.map((definition) => [definition.type]))('%s: its example validates against its current schema', (type) => {
    expect(() => registry.validate(type, registry.currentVersion(type), registry.exampleOf(type))).not.toThrow();
  });

  it('names a stream category of letters and digits for every type', () => {
    for (const definition of DOMAIN_EVENT_SCHEMAS) {
      expect(definition.categories.length).toBeGreaterThan(0);
      for (const category of definition.categories) expect(category).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  it('shows no secret in an example: hashes are made up', () => {
    const examples = JSON.stringify(DOMAIN_EVENT_SCHEMAS.map((definition) => registry.exampleOf(definition.type)));
    const hashes = examples.match(/[0-9a-f]{64}/g) ?? [];
    expect(hashes.length).toBeGreaterThan(0);
    expect(new Set(hashes)).toEqual(new Set(['0'.repeat(64)]));
  });

  describe('events recorded before improvement programs had plans of measures', () => {
    const action = { programId: 'p-1', actionId: 'a-1', description: 'Rewrite', ownerId: 'emp-7', deadline: '2026-03-20', completionCriteria: 'Published', plannedAt: '2026-03-02T09:00:00.000Z' };
    const plan = {
      planId: 'plan-1',
      employeeId: 'emp-42',
      trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
      gaps: [],
      items: [{ itemId: 'item-1', kind: 'mentoring', title: 'Mentoring', competencyIds: ['regs'], dueOn: '2026-03-20' }],
      proposedAt: '2026-03-02T09:00:00.000Z',
    };
    const upcasters = new UpcasterRegistry(registry.upcasters());

    it('reads an action planned without a stage, and a stage only from version 2 on', () => {
      expect(registry.currentVersion('ImprovementActionPlanned')).toBe(2);
      expect(() => registry.validate('ImprovementActionPlanned', 1, action)).not.toThrow();
      expect(() => registry.validate('ImprovementActionPlanned', 1, { ...action, stageId: 's-1' })).toThrow();
      expect(() => registry.validate('ImprovementActionPlanned', 2, { ...action, stageId: 's-1' })).not.toThrow();
      expect(upcasters.upcast(recorded({ type: 'ImprovementActionPlanned', data: action })).data).toEqual(action);
    });

    it('reads a plan proposed for an assessment unchanged, and one for a training need from version 2 on', () => {
      const forNeed = { ...plan, trigger: { eventId: 'event-9', programId: 'p-1', needId: 'need-1', position: '9' } };
      expect(registry.currentVersion('TrainingPlanProposed')).toBe(2);
      expect(() => registry.validate('TrainingPlanProposed', 1, plan)).not.toThrow();
      expect(() => registry.validate('TrainingPlanProposed', 1, forNeed)).toThrow();
      expect(() => registry.validate('TrainingPlanProposed', 2, forNeed)).not.toThrow();
      expect(() => registry.validate('TrainingPlanProposed', 2, { ...forNeed, trigger: { ...forNeed.trigger, assessmentId: 'assessment-7' } })).toThrow();
      expect(upcasters.upcast(recorded({ type: 'TrainingPlanProposed', data: plan })).data).toEqual(plan);
    });
  });

  describe('CareCaseOpened v1 → v2', () => {
    const v1 = { caseId: 'case-1', clientId: 'client-4711', productId: 'course-sales', openedAt: '2025-01-10T08:00:00.000Z' };

    it('keeps both versions, and a v1 event is not a v2 one', () => {
      expect(registry.currentVersion('CareCaseOpened')).toBe(2);
      expect(() => registry.validate('CareCaseOpened', 1, v1)).not.toThrow();
      expect(() => registry.validate('CareCaseOpened', 2, v1)).toThrow(/kind/);
    });

    it('upcasts a v1 event to a valid v2 one of kind other', () => {
      const upcast = new UpcasterRegistry(registry.upcasters()).upcast(recorded({ type: 'CareCaseOpened', data: v1 }));
      expect(upcast.metadata.schemaVersion).toBe(2);
      expect(upcast.data).toEqual({ ...v1, kind: 'other' });
      expect(() => registry.validate('CareCaseOpened', 2, upcast.data)).not.toThrow();
    });
  });
});
