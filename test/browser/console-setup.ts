import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { planDemo } from '../../apps/cli/src/demo/demo-plan.js';
import { fillDemoStore } from '../../apps/cli/src/demo/fill-demo-store.js';
import { consoleBuildFolder } from '../../apps/api/src/platform/console-files.js';
import { loadConfig } from '#config';
import { listenLocally } from '../support/feed.js';
import { asAdmin, newDataDir, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

/* What the console's browser specs share: the build, Chromium, a small demo store behind the api, and the accessibility check. */

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');
/** The last moment of the demo history the specs read. */
export const END = new Date('2026-01-15T15:00:00.000Z');
/** Two months of small volumes fill in seconds; a machine busy with the other suites may take several times longer. */
export const FILL_TIMEOUT_MS = 120_000;

/** The console's build, made here when `npm run build` has not run before the tests. */
export function builtConsole(): string {
  const folder = consoleBuildFolder();
  if (!existsSync(join(folder, 'index.html'))) {
    execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/console/vite.config.js', '--logLevel', 'warn']);
  }
  return folder;
}

/** `describe` where Chromium is installed; elsewhere the console's browser specs skip, with one line saying why. */
export const describeInChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) process.stdout.write(`the console's browser specs skipped: ${CHROMIUM} is absent (apt-get install chromium)\n`);

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** The api on a small demo store, listening on a port, and a Chromium page to open the console in. */
export class ConsoleOnDemo {
  private constructor(
    readonly api: TestApp,
    readonly base: string,
    readonly page: Page,
    private readonly browser: Browser,
    private readonly dataDir: string,
  ) {}

  static async open(): Promise<ConsoleOnDemo> {
    builtConsole();
    const dataDir = newDataDir();
    const config = loadConfig({ DATA_DIR: dataDir, DURABLE_COMMIT: 'false', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY });
    const plan = planDemo({ seed: 5, months: 2, end: END, casesPerMonth: 15, observationWindowDays: 30, inspectionsPerWeek: 2, contactsPerDay: 2 });
    await fillDemoStore({ config, plan });
    const api = await startTestApp({ dataDir });
    const base = await listenLocally(api);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return new ConsoleOnDemo(api, base, page, browser, dataDir);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.api.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Another page in the same browser, for a second key. */
  newPage(): Promise<Page> {
    return this.browser.newPage();
  }

  async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return (await this.api.http().get(path).set(asAdmin).query(query).expect(200)).body as T;
  }

  async signIn(key = TEST_ADMIN_KEY): Promise<void> {
    await this.page.goto(`${this.base}/console`);
    await this.page.fill('#api-key', key);
    await this.page.click('button[type=submit]');
    await this.page.waitForSelector('nav');
  }

  /** axe-core run in the page: evaluated over the DevTools protocol, which the console's policy rightly leaves alone. */
  async expectAccessible(view: string): Promise<void> {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await this.page.evaluate(axeSource);
    const result = (await this.page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResult;
    const grave = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect({ view, grave: grave.map(({ id, help, nodes }) => ({ id, help, at: nodes.map((node) => node.target.join(' ')) })) }).toEqual({ view, grave: [] });
  }
}
