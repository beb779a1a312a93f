import type { ProcessManager, Projection } from '#kernel';
import { apiKeys } from './access/api-keys.projection.js';
import { auditTrail } from './audit/index.js';
import { careCases } from './care/index.js';
import { council } from './council/index.js';
import { checkCampaigns, competenceCatalogue, skillGaps } from './competence/index.js';
import { eventActivity } from './event-activity/event-activity.projection.js';
import { feedback } from './feedback/index.js';
import { motivation } from './motivation/index.js';
import { organisation } from './organisation/index.js';
import { checklistTemplates, inspections } from './quality/index.js';
import { standards } from './standards/index.js';
import { supportMetrics } from './support/index.js';
import { supportTickets } from './support/support-tickets.projection.js';
import { surveyResponses, surveys } from './surveys/index.js';
import { knowledgeBase, trainingMetrics, trainingNeedPlanner, trainingPlanProposer, trainingPlans, trainingSessions, webinars } from './training/index.js';

/** Every read model of the product; the runners, the CLI and the bench take them from here. */
export const allProjections: readonly Projection<unknown>[] = [eventActivity, auditTrail, apiKeys, careCases, organisation, standards, surveys, surveyResponses, checklistTemplates, inspections, knowledgeBase, trainingPlans, trainingSessions, webinars, trainingMetrics, competenceCatalogue, skillGaps, checkCampaigns, council, feedback, supportMetrics, supportTickets, motivation];

/** Every process manager of the product: they turn events into commands, hosted beside the projections. */
export const allProcessManagers: readonly ProcessManager[] = [trainingPlanProposer(), trainingNeedPlanner()];
