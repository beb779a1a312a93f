import { projectionSpec, recorded } from '#kernel/testing.js';
import { EVENT_ACTIVITY_METRIC, eventActivity } from './event-activity.projection.js';

describe('eventActivity projection', () => {
  it('counts every event by type, category and actor on its business date', () => {
    const opened = recorded(
      { type: 'CareCaseOpened', data: {} },
      { streamId: 'careCase-1', metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { id: 'agent-7', roles: [] } } },
    );
    const passed = recorded(
      { type: 'ChecklistPassed', data: {} },
      { streamId: 'inspection-9', metadata: { occurredAt: '2026-03-03T08:00:00.000Z' } },
    );

    projectionSpec(eventActivity)
      .given([opened, passed])
      .thenFacts([
        {
          metric: EVENT_ACTIVITY_METRIC,
          occurredAt: '2026-03-02T10:00:00.000Z',
          dims: { type: 'CareCaseOpened', category: 'careCase', actor: 'agent-7' },
          measures: { count: 1 },
        },
        {
          metric: EVENT_ACTIVITY_METRIC,
          occurredAt: '2026-03-03T08:00:00.000Z',
          dims: { type: 'ChecklistPassed', category: 'inspection', actor: 'tester' },
          measures: { count: 1 },
        },
      ])
      .thenDocuments({});
  });

  it('counts an anonymous answer on its day, for the anonymous actor, whatever its metadata held', () => {
    const answered = recorded(
      { type: 'SurveyAnswered', data: { responseId: 'r-1', anonymous: true } },
      { streamId: 'surveyResponse-r-1', metadata: { occurredAt: '2026-03-02T09:41:07.512Z', actor: { id: 'apiKey:dana', roles: ['employee'] } } },
    );
    projectionSpec(eventActivity)
      .given([answered])
      .thenFacts([
        {
          metric: EVENT_ACTIVITY_METRIC,
          occurredAt: '2026-03-02T00:00:00.000Z',
          dims: { type: 'SurveyAnswered', category: 'surveyResponse', actor: 'anonymous' },
          measures: { count: 1 },
        },
      ]);
  });
});
