import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { codeFiles, decoratorNames } from './source-files.js';

/*
 * Every command takes one path: the controller builds the command (through the command service of
 * its aggregate, which maps the request and reads what the rules need) and hands it to the command
 * bus; the one entity command handler runs it through the kernel. A controller that calls the runner
 * or lets a service run a command, or a service that runs the kernel itself, would bypass the
 * handler's timing, its 412 mapping and its single business time.
 */

const API = resolve('apps/api/src');
const WRITE_DECORATORS = new Set(['Post', 'Put', 'Patch', 'Delete']);
/** The one place that runs a command through the kernel. */
const HANDLER_FILE = 'platform/entity-command.handler.ts';
/** Routes that start work on the log but append nothing to it. */
const READS_BY_POST = new Set(['ledger/ledger.controller.ts#startVerification']);

interface Route {
  readonly name: string;
  readonly method: ts.MethodDeclaration;
}

function sourceFiles(suffix: string): { file: string; source: ts.SourceFile }[] {
  return codeFiles(API, suffix).map((path) => {
    const file = relative(API, path);
    return { file, source: ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true) };
  });
}

function commandRoutes(file: string, source: ts.SourceFile): Route[] {
  const routes: Route[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isMethodDeclaration(node) && decoratorNames(node).some((name) => WRITE_DECORATORS.has(name))) {
      const name = `${file}#${node.name.getText(source)}`;
      if (!READS_BY_POST.has(name)) routes.push({ name, method: node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return routes;
}

/** `this.<field>.<method>(…)`: the field's name. */
function memberCallee(node: ts.CallExpression): string | undefined {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression)) return undefined;
  return callee.expression.expression.kind === ts.SyntaxKind.ThisKeyword ? callee.expression.name.text : undefined;
}

function isBusExecute(node: ts.Node): boolean {
  return ts.isCallExpression(node) && memberCallee(node) === 'bus' && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'execute';
}

/** The calls on the controller's collaborators that do not merely build the command the bus executes. */
function callsAroundTheBus(method: ts.MethodDeclaration): string[] {
  const stray: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && memberCallee(node) !== undefined && !isBusExecute(node)) {
      const argument = ts.isAwaitExpression(node.parent) ? node.parent : node;
      if (!isBusExecute(argument.parent) || (argument.parent as ts.CallExpression).arguments[0] !== argument) stray.push(node.expression.getText());
    }
    ts.forEachChild(node, visit);
  };
  if (method.body) visit(method.body);
  return stray;
}

function executesOnTheBus(method: ts.MethodDeclaration): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    found ||= isBusExecute(node);
    ts.forEachChild(node, visit);
  };
  if (method.body) visit(method.body);
  return found;
}

function callsHandleCommand(source: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    found ||= ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'handleCommand';
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the command path', () => {
  const controllers = sourceFiles('.controller.ts');
  const routes = controllers.flatMap(({ file, source }) => commandRoutes(file, source));

  it('finds the command routes', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it('has every command route hand its command to the command bus', () => {
    expect(routes.filter(({ method }) => !executesOnTheBus(method)).map(({ name }) => name)).toEqual([]);
  });

  it('has no command route call a command service or the runner but to build what the bus executes', () => {
    const bypassing = routes.flatMap(({ name, method }) => callsAroundTheBus(method).map((call) => `${name}: ${call}`));
    expect(bypassing).toEqual([]);
  });

  it('keeps the command runner out of the controllers', () => {
    const withRunner = controllers.filter(({ source }) => source.text.includes('CommandRunner')).map(({ file }) => file);
    expect(withRunner).toEqual([]);
  });

  it('types every command bus by the commands it carries, so that a promise of a command does not compile', () => {
    const untyped = [API, resolve('apps/cli/src')]
      .flatMap((root) => codeFiles(root))
      .filter((file) => /:\s*CommandBus\b(?!<AppCommand>)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(resolve('.'), file));
    expect(untyped).toEqual([]);
  });

  it('runs commands through the kernel in the entity command handler only', () => {
    const running = sourceFiles('.ts')
      .filter(({ source }) => callsHandleCommand(source))
      .map(({ file }) => file);
    expect(running.filter((file) => file !== HANDLER_FILE)).toEqual([]);
  });
});
