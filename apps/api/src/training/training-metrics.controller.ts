import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { trainingMetrics } from '#projections/training/training-metrics.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import {
  TrainingActivityAnswer,
  TrainingActivityQuery,
  TrainingEffectivenessAnswer,
  TrainingEffectivenessQuery,
  TrainingPlansAnswer,
  TrainingPlansMetricQuery,
  WebinarConversionAnswer,
  WebinarConversionQuery,
} from './training-metrics.dto.js';
import { TrainingMetrics } from './training-metrics.service.js';
import { TRAINING_READERS } from './training-roles.js';

const AS_OF_NOTE =
  '`asOf` answers as the numbers were known then; `asOf` in the answer states the position they reflect. ' +
  '`from` and `to` bound the business days counted.';

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics/training')
@InvalidRequest()
export class TrainingMetricsController {
  constructor(
    private readonly metrics: TrainingMetrics,
  ) {}

  @Get('plans')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Individual plans on time and overdue: due, completed (on time, late), open, overdue, completion rate',
    description:
      "Approved plans counted at their due day (their latest item's); a cancelled one is taken back. completionRate = " +
      `completed / due; onTimeRate = completed on time / due; overdue = open with a due day before \`at\`. ${AS_OF_NOTE}`,
    type: TrainingPlansAnswer,
    reads: trainingMetrics.name,
  })
  plans(@Query() query: TrainingPlansMetricQuery, @ReadMoment() moment: ResolvedAsOf): Promise<TrainingPlansAnswer> {
    return this.metrics.plans(query, moment);
  }

  @Get('activity')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Training done: trainings, hours and cost per currency',
    description:
      'Completed plan items (hours spent, external course cost) at their completion, session attendances (the session ' +
      `hours per attendee) and outside sessions' cost at their start. ${AS_OF_NOTE}`,
    type: TrainingActivityAnswer,
    reads: trainingMetrics.name,
  })
  activity(@Query() query: TrainingActivityQuery, @ReadMoment() moment: ResolvedAsOf): Promise<TrainingActivityAnswer> {
    return this.metrics.activity(query, moment);
  }

  @Get('effectiveness')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Effectiveness of training: the gaps completed plans started from, re-assessed and closed',
    description:
      "Counted at each plan's completion. A gap is re-assessed by the first validated assessment of its competency after " +
      'the plan, and closed when the latest one meets the level required; closedShare = closed / re-assessed. ' +
      AS_OF_NOTE,
    type: TrainingEffectivenessAnswer,
    reads: trainingMetrics.name,
  })
  effectiveness(@Query() query: TrainingEffectivenessQuery, @ReadMoment() moment: ResolvedAsOf): Promise<TrainingEffectivenessAnswer> {
    return this.metrics.effectiveness(query, moment);
  }

  @Get('webinars')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Trainer KPI: webinar conversion = buyers / attendees, against the 30 % target',
    description: `Counted at each webinar's date; a correction takes the previous counts back there. ${AS_OF_NOTE}`,
    type: WebinarConversionAnswer,
    reads: trainingMetrics.name,
  })
  webinars(@Query() query: WebinarConversionQuery, @ReadMoment() moment: ResolvedAsOf): Promise<WebinarConversionAnswer> {
    return this.metrics.webinars(query, moment);
  }
}
