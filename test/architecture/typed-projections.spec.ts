import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { codeFiles } from './source-files.js';

/*
 * Projections and process managers get their events typed by the union they declare (`Projection<D, E>`,
 * `ProcessManager<E>`), filtered by `handles` and told apart by a switch on `type` or by `ofTypes`. A
 * cast of an event, or of its data, would silence the compiler exactly where a changed payload should fail it.
 */

const PROJECTIONS = resolve('projections');
const EVENT_NAMES = new Set(['event', 'recorded']);

function eventCasts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(resolve(PROJECTIONS, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const casts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const castsAnEvent = EVENT_NAMES.has(rootName(node.expression) ?? '');
      const toAnEventType = /^Recorded(Of|Event)\b/.test(node.type.getText(source));
      if (castsAnEvent || toAnEventType) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        casts.push(`${file}:${line + 1}: ${node.getText(source)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return casts;
}

/** The name a chain of property accesses starts from: `event` for `event.data.id`. */
function rootName(expression: ts.Expression): string | undefined {
  let node = expression;
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node.text : undefined;
}

describe('typed projections', () => {
  const files = codeFiles(PROJECTIONS).map((file) => relative(PROJECTIONS, file));

  it('finds the projections', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('casts no event in a projection or a process manager', () => {
    expect(files.flatMap(eventCasts)).toEqual([]);
  });
});
