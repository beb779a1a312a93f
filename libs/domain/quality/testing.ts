import type { StartInspection } from './inspection.commands.js';
import type { CriterionResultEntry, InspectionTemplate, Inspector } from './inspection.events.js';

/*
 * Fixtures the quality specs share: one template version and one inspection of a landing page, so
 * that the decider and the projections are specified on the same, hand-computable numbers.
 */

/** Weights 3 (critical), 2 and 1, pass mark 0.8: a failed `price` alone scores 4/6 and fails; a failed `fonts` alone, 5/6, passes. */
export const landingTemplate: InspectionTemplate = {
  templateId: 'landing',
  version: 2,
  passMark: 0.8,
  criteria: [
    { criterionId: 'mobile', section: 'Layout', text: 'Renders on a phone', weight: 3, critical: true },
    { criterionId: 'price', section: 'Offer', text: 'States the price', weight: 2, critical: false },
    { criterionId: 'fonts', section: 'Layout', text: 'Uses the brand fonts', weight: 1, critical: false },
  ],
};

export const landingInspector: Inspector = { actorId: 'apiKey:inspector-1', employeeId: 'emp-inspector' };

/** Inspector 1 starts inspecting emp-author's landing page on March 2, 2026 at 09:00. */
export const startLandingInspection: StartInspection = {
  type: 'StartInspection',
  inspectionId: 'insp-1',
  deliverable: { kind: 'landing-page', reference: 'https://example.org/spring-sale' },
  productId: 'course-sales',
  sectionId: 'section-layout',
  authorId: 'emp-author',
  template: landingTemplate,
  inspector: landingInspector,
  at: '2026-03-02T09:00:00.000Z',
};

export const pass = (criterionId: string): CriterionResultEntry => ({ criterionId, result: 'pass' });
export const fail = (criterionId: string, comment = `${criterionId} needs rework`): CriterionResultEntry => ({ criterionId, result: 'fail', comment });
export const notApplicable = (criterionId: string): CriterionResultEntry => ({ criterionId, result: 'n/a' });
