import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { codeFiles, decoratorNames } from './source-files.js';

/*
 * A controller only wires a route to the service that does the work: a route method is about three
 * lines. What it computes, checks or shapes belongs in a service or a view function, where it can be
 * tested and used again.
 */

const API = 'apps/api/src';
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Search', 'Sse']);
const MAX_STATEMENTS = 3;
/** Lines inside the braces: three statements, one of them a call whose arguments take a line each. */
const MAX_LINES = 5;

interface RouteMethodSize {
  readonly name: string;
  readonly statements: number;
  readonly lines: number;
}

function isRouteMethod(node: ts.Node): node is ts.MethodDeclaration {
  return ts.isMethodDeclaration(node) && decoratorNames(node).some((name) => ROUTE_DECORATORS.has(name));
}

export function routeMethodSizes(file: string, text: string): RouteMethodSize[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sizes: RouteMethodSize[] = [];
  const visit = (node: ts.Node): void => {
    if (isRouteMethod(node) && node.body) {
      const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line;
      sizes.push({
        name: `${file}#${node.name.getText(source)}`,
        statements: node.body.statements.length,
        lines: lineOf(node.body.getEnd()) - lineOf(node.body.getStart(source)) - 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sizes;
}

function oversized(sizes: readonly RouteMethodSize[]): string[] {
  return sizes
    .filter(({ statements, lines }) => statements > MAX_STATEMENTS || lines > MAX_LINES)
    .map(({ name, statements, lines }) => `${name}: ${statements} statements on ${lines} lines`);
}

describe('controllers', () => {
  const sizes = codeFiles(API, '.controller.ts').flatMap((file) => routeMethodSizes(file, readFileSync(file, 'utf8')));

  it('finds the routes', () => {
    expect(sizes.length).toBeGreaterThan(200);
  });

  it(`keeps every route method to about three lines: at most ${MAX_STATEMENTS} statements on ${MAX_LINES} lines`, () => {
    expect(oversized(sizes)).toEqual([]);
  });

  it('measures a route method by its statements and the lines inside its braces', () => {
    const source = `
      class Things {
        @Get(':id')
        one(@Param() params: Params) {
          return this.queries.one(params.id);
        }

        @Post()
        async create(@Body() body: Body) {
          const a = 1;
          const b = 2;
          const c = 3;
          return { a, b, c };
        }

        helper() {
          return 1;
        }
      }
    `;
    const measured = routeMethodSizes('things.controller.ts', source);
    expect(measured).toEqual([
      { name: 'things.controller.ts#one', statements: 1, lines: 1 },
      { name: 'things.controller.ts#create', statements: 4, lines: 4 },
    ]);
    expect(oversized(measured)).toEqual(['things.controller.ts#create: 4 statements on 4 lines']);
  });
});
