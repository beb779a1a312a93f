import { readFileSync } from 'node:fs';
import { RouteAccessCheck } from '../../apps/api/src/auth/route-access-check.service.js';
import { roleTable } from '../support/role-table.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const START = '<!-- role-table: generated from the routes by test/e2e/role-table.e2e-spec.ts -->';
const END = '<!-- /role-table -->';

describe("the table of what each role can reach, in docs/SECURITY.md", () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.destroy());

  it('is the one the routes declare', () => {
    const security = readFileSync('docs/SECURITY.md', 'utf8');
    const start = security.indexOf(START);
    const end = security.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const routes = api.app.get(RouteAccessCheck).routes();
    const expected = roleTable(routes);
    const shown = security.slice(start + START.length, end).trim();
    if (shown !== expected) {
      throw new Error(`the role table of docs/SECURITY.md drifted from the routes; replace it with:\n\n${expected}\n`);
    }
  });

  it('covers every route, each in one area, with its access declared', () => {
    const routes = api.app.get(RouteAccessCheck).routes();
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((route) => route.access === undefined)).toEqual([]);
    expect(new Set(routes.map((route) => `${route.method} ${route.path}`)).size).toBe(routes.length);
  });
});
