import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { allProjections } from '../../projections/index.js';
import { codeFiles, decoratorNames } from './source-files.js';

/*
 * A file is named for what it holds, so that a newcomer finds a class by its role. A file that
 * declares a Nest class ends in that class's role, singular as Nest names its own files
 * (`.module.ts`, `.controller.ts`, `.service.ts`, `.guard.ts`, `.interceptor.ts`, `.pipe.ts`,
 * `.filter.ts`, `.handler.ts`), and holds classes of that one role. Plain functions and types that
 * serve the class may sit beside it.
 *
 * One plural rule for the stem: a file about one aggregate or subject is named in the singular
 * (`care-case.decider.ts`, `care-case-commands.service.ts`); a file about a collection is named as the
 * collection is, by its read model (`care-cases.projection.ts` writes `careCases`). A suffix that lists
 * things of a kind (`.commands.ts`, `.events.ts`, `.schemas.ts`) stays as it is.
 *
 * One suffix for metric reports: the pure function that turns metric facts into rows is a
 * `<report>.report.ts` in projections/, and the Nest service that serves it is
 * `<report>-metrics.service.ts` (`<report>.service.ts` when the report's name already ends in metrics).
 */

const NEST_ROOTS = ['apps/api/src', 'apps/cli/src', 'apps/projector/src', 'libs'];

type Role = 'module' | 'controller' | 'service' | 'guard' | 'interceptor' | 'pipe' | 'filter' | 'handler';

const ROLE_OF_DECORATOR: Readonly<Record<string, Role | 'injectable'>> = {
  Module: 'module',
  Controller: 'controller',
  Catch: 'filter',
  CommandHandler: 'handler',
  QueryHandler: 'handler',
  EventsHandler: 'handler',
  Injectable: 'injectable',
};

/** What an injectable class is to Nest, by the interface it implements or the class it extends. */
const ROLE_OF_HERITAGE: Readonly<Record<string, Role>> = {
  CanActivate: 'guard',
  NestInterceptor: 'interceptor',
  PipeTransform: 'pipe',
  ValidationPipe: 'pipe',
  ExceptionFilter: 'filter',
};

interface NestClass {
  readonly file: string;
  readonly name: string;
  readonly role: Role;
}

const AGGREGATE_FILE = /^(?<stem>[a-z-]+?)(\.(decider|deciders|commands|events)|-(commands|queries)\.service)\.ts$/;

function heritageNames(node: ts.ClassDeclaration): string[] {
  return (node.heritageClauses ?? []).flatMap(({ types }) => types.map(({ expression }) => expression.getText()));
}

export function nestClassesOf(file: string, text: string): NestClass[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements.filter(ts.isClassDeclaration).flatMap((node) => {
    const decorated = decoratorNames(node).map((name) => ROLE_OF_DECORATOR[name]).find((role) => role !== undefined);
    if (decorated === undefined) return [];
    const role = decorated === 'injectable' ? (heritageNames(node).map((name) => ROLE_OF_HERITAGE[name]).find((found) => found !== undefined) ?? 'service') : decorated;
    return [{ file, name: node.name?.text ?? 'default', role }];
  });
}

export function misnamed(classes: readonly NestClass[]): string[] {
  return classes.filter(({ file, role }) => !file.endsWith(`.${role}.ts`)).map(({ file, name, role }) => `${file}: ${name} (${role})`);
}

describe('file names', () => {
  const classes = NEST_ROOTS.flatMap((root) => codeFiles(root)).flatMap((file) => nestClassesOf(file, readFileSync(file, 'utf8')));

  it('finds the Nest classes of every role', () => {
    expect(new Set(classes.map(({ role }) => role))).toEqual(new Set(['module', 'controller', 'service', 'guard', 'interceptor', 'pipe', 'filter', 'handler']));
  });

  it('names each file that declares a Nest class after that class role', () => {
    expect(misnamed(classes)).toEqual([]);
  });

  it('tells the roles apart by decorator, interface and base class', () => {
    const source = `
      @Injectable() export class Keys {}
      @Injectable() export class Gate implements CanActivate {}
      @Injectable() export class Edge extends ValidationPipe {}
      @Module({}) export class Wiring {}
      class Plain {}
    `;
    expect(nestClassesOf('x/keys.service.ts', source).map(({ name, role }) => `${name}:${role}`)).toEqual(['Keys:service', 'Gate:guard', 'Edge:pipe', 'Wiring:module']);
    expect(misnamed(nestClassesOf('x/keys.service.ts', source))).toEqual([
      'x/keys.service.ts: Gate (guard)',
      'x/keys.service.ts: Edge (pipe)',
      'x/keys.service.ts: Wiring (module)',
    ]);
  });
});

function kebab(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The stems of aggregate files whose last word reads as a regular English plural: a final s, but not
 * of -ss, -us or -is, which are singular (business, status, analysis). An irregular plural (people)
 * is not caught.
 */
export function pluralAggregateStems(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const stem = AGGREGATE_FILE.exec(basename(file))?.groups?.stem;
    return stem !== undefined && /[^siu]s$/.test(stem) ? [file] : [];
  });
}

/** The metric reports and services that break the one suffix: a report outside `.report.ts`, or a report without its service. */
export function strayMetricFiles(reportFunctions: readonly { file: string; name: string }[], serviceFiles: readonly string[]): string[] {
  const misplaced = reportFunctions.filter(({ file }) => !file.endsWith('.report.ts')).map(({ file, name }) => `${file}: ${name}`);
  const services = new Set(serviceFiles.map((file) => basename(file)));
  const unserved = [...new Set(reportFunctions.map(({ file }) => file).filter((file) => file.endsWith('.report.ts')))]
    .map((file) => basename(file, '.report.ts'))
    .filter((report) => !services.has(report.endsWith('-metrics') ? `${report}.service.ts` : `${report}-metrics.service.ts`))
    .map((report) => `${report}.report.ts: no service`);
  return [...misplaced, ...unserved];
}

/** The exported functions that turn metric facts (`FactGroup`s) into report rows. */
function reportFunctionsOf(file: string, text: string): { file: string; name: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements.filter(ts.isFunctionDeclaration).flatMap((node) => {
    const exported = node.modifiers?.some(({ kind }) => kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const readsFacts = node.parameters.some((parameter) => /\bFactGroup\b|Groups\b/.test(parameter.type?.getText(source) ?? ''));
    const name = node.name?.text ?? '';
    return exported && readsFacts && name.endsWith('Report') ? [{ file, name }] : [];
  });
}

describe('file stems', () => {
  const files = ['apps/api/src', 'libs/domain'].flatMap((root) => codeFiles(root));

  it('names every aggregate file in the singular', () => {
    expect(files.filter((file) => AGGREGATE_FILE.test(basename(file))).length).toBeGreaterThan(100);
    expect(pluralAggregateStems(files)).toEqual([]);
  });

  it('tells a plural stem from a singular one', () => {
    const stems = ['a/care-cases.decider.ts', 'a/care-case.events.ts', 'a/care-cases-queries.service.ts', 'a/business.commands.ts', 'a/key-status.decider.ts', 'a/gap-analysis.events.ts'];
    expect(pluralAggregateStems(stems)).toEqual([
      'a/care-cases.decider.ts',
      'a/care-cases-queries.service.ts',
    ]);
  });

  it('names every projection file after the read model it writes', async () => {
    const projectionFiles = codeFiles('projections', '.projection.ts');
    const declared = new Map<unknown, string>();
    for (const file of projectionFiles) {
      const exports = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
      for (const value of Object.values(exports)) if (allProjections.includes(value as never)) declared.set(value, file);
    }
    const misnamed = allProjections
      .filter((projection) => declared.get(projection) === undefined || basename(declared.get(projection)!, '.projection.ts') !== kebab(projection.name))
      .map((projection) => `${projection.name}: ${declared.get(projection) ?? 'in no .projection.ts file'}`);
    expect(misnamed).toEqual([]);
  });
});

describe('metric reports', () => {
  const reports = codeFiles('projections').flatMap((file) => reportFunctionsOf(file, readFileSync(file, 'utf8')));
  const services = codeFiles('apps/api/src', '.service.ts');

  it('finds the reports', () => {
    expect(new Set(reports.map(({ file }) => file)).size).toBeGreaterThanOrEqual(7);
  });

  it('keeps each report in a .report.ts, served by its -metrics.service.ts', () => {
    expect(strayMetricFiles(reports, services)).toEqual([]);
  });

  it('names a report outside its suffix and a report without its service', () => {
    const stray = strayMetricFiles(
      [
        { file: 'p/refund-retention.report.ts', name: 'refundRetentionReport' },
        { file: 'p/feedback-metrics.report.ts', name: 'feedbackMetricsReport' },
        { file: 'p/wait-times.ts', name: 'waitTimesReport' },
      ],
      ['a/refund-retention-metrics.service.ts'],
    );
    expect(stray).toEqual(['p/wait-times.ts: waitTimesReport', 'feedback-metrics.report.ts: no service']);
  });
});
