import { ROLES } from '#domain/access/index.js';
import { INDICATOR_IDS, INDICATORS } from '#domain/catalogue/indicators.js';
import { expectProblem, keyWith } from '../support/care-cases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; allOf?: Schema[]; enum?: string[] };
type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }>; parameters?: { name: string; in: string; schema?: Schema }[] }>>; components: { schemas: Record<string, Schema> } };

/** Metric routes that break the indicators of another route down rather than compute indicators of their own. */
const BREAKDOWNS = ['/metrics/inspections/criteria', '/metrics/surveys/tags'];

function resolved(document: OpenApi, schema: Schema): Schema {
  if (schema.$ref) return resolved(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!);
  const [first] = [...(schema.allOf ?? []), ...(schema.oneOf ?? []).filter((variant) => variant.$ref || variant.properties)];
  return first && !schema.properties ? resolved(document, first) : schema;
}

/** The schema of a row of a metric route's answer: the items of its one list of rows. */
function rowSchema(document: OpenApi, route: string): Schema | undefined {
  const answer = document.paths[route]?.get?.responses['200']?.content?.['application/json']?.schema;
  if (!answer) return undefined;
  const rows = resolved(document, answer).properties?.rows;
  return rows?.items && resolved(document, rows.items);
}

/** The schema at a dotted path into a row, or undefined where the row has no such field. */
function fieldSchema(document: OpenApi, row: Schema, path: string): Schema | undefined {
  return path.split('.').reduce<Schema | undefined>((schema, name) => {
    const property = schema && resolved(document, schema).properties?.[name];
    return property && resolved(document, property);
  }, row);
}

describe('GET /indicators', () => {
  let api: TestApp;
  let document: OpenApi;

  beforeAll(async () => {
    api = await startTestApp();
    document = (await api.http().get('/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('lists every indicator once, with what a KPI needs to name it, to every role and to no one without a key', async () => {
    for (const role of ROLES) {
      const { body } = await api.http().get('/indicators').set(await keyWith(api, role)).expect(200);
      expect(body.indicators.map((indicator: { id: string }) => indicator.id)).toEqual(INDICATOR_IDS);
    }
    const { body } = await api.http().get('/indicators').set(await keyWith(api, 'employee')).expect(200);
    expect(body.indicators).toContainEqual({
      id: 'support.firstResponseWithinTarget',
      name: 'First responses within target',
      unit: 'share',
      direction: 'higher-is-better',
      definitionVersion: 1,
      definition: expect.stringContaining('first response target'),
      range: [0, 1],
      source: { route: '/metrics/support', field: 'firstResponseWithinTarget' },
      perEmployee: 'employee',
    });
    expect(body.indicators).toContainEqual(expect.objectContaining({ id: 'surveys.nps', unit: 'score', range: [-100, 100] }));
    expectProblem(await api.http().get('/indicators'), 401);
  });

  it.each(INDICATOR_IDS)("names a field of its metric route's rows, and a groupBy of that route for its figure per employee: %s", (id) => {
    const { source, perEmployee } = INDICATORS[id] as { source: { route: string; field: string }; perEmployee?: string };
    const row = rowSchema(document, source.route);
    expect({ route: source.route, documented: row !== undefined }).toEqual({ route: source.route, documented: true });
    expect({ field: source.field, found: fieldSchema(document, row!, source.field) !== undefined }).toEqual({ field: source.field, found: true });
    if (perEmployee !== undefined) {
      const groupBy = document.paths[source.route]!.get!.parameters?.find((parameter) => parameter.name === 'groupBy' && parameter.in === 'query');
      expect(groupBy?.schema && resolved(document, groupBy.schema).enum).toContain(perEmployee);
    }
  });

  it('has an indicator for every metric route that computes figures of its own', () => {
    const metricRoutes = Object.keys(document.paths).filter((path) => path.startsWith('/metrics/') && document.paths[path]!.get && rowSchema(document, path));
    const sources = new Set<string>(INDICATOR_IDS.map((id) => INDICATORS[id].source.route));
    expect(metricRoutes.filter((route) => !sources.has(route) && !BREAKDOWNS.includes(route))).toEqual([]);
    expect(metricRoutes).toEqual(expect.arrayContaining(BREAKDOWNS));
  });
});
