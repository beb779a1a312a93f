/**
 * Every metric route of the API and the `groupBy` each takes, as the API's OpenAPI document lists
 * them: the console does not load that document (near a megabyte) to draw a menu, and
 * test/browser/console-metrics.browser-spec.ts fails when the two differ.
 */
export const METRIC_GROUPINGS: Readonly<Record<string, readonly string[]>> = {
  '/metrics/refund-retention': ['day', 'week', 'month', 'product', 'section', 'employee'],
  '/metrics/inspections': ['day', 'week', 'month', 'section', 'product', 'template', 'inspector', 'author'],
  '/metrics/inspections/criteria': ['day', 'week', 'month'],
  '/metrics/surveys': ['day', 'week', 'month', 'survey', 'wave', 'audience', 'product'],
  '/metrics/surveys/tags': ['day', 'week', 'month', 'survey', 'wave', 'audience', 'product'],
  '/metrics/training/plans': ['day', 'week', 'month', 'section', 'employee'],
  '/metrics/training/activity': ['day', 'week', 'month', 'section', 'source'],
  '/metrics/training/effectiveness': ['day', 'week', 'month', 'section'],
  '/metrics/training/webinars': ['day', 'week', 'month', 'trainer'],
  '/metrics/gap-coverage': ['day', 'week', 'month', 'section', 'position'],
  '/metrics/feedback': ['day', 'week', 'month', 'employee', 'section', 'product'],
  '/metrics/support': ['day', 'week', 'month', 'employee', 'line', 'channel', 'product'],
};

/** The groupings that are calendar periods: their rows carry `group.period`, the period's first day. */
export const PERIODS: readonly string[] = ['day', 'week', 'month'];

export function groupingsOf(route: string): readonly string[] {
  return METRIC_GROUPINGS[route] ?? [];
}
