import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The code files under a root, tests left out, as paths that start with the root. */
export function codeFiles(root: string, suffix = '.ts'): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix) && !/\.(int-|e2e-)?spec\.ts$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(root, file));
}

/** The names of the decorators on a class or member: `@Get(':id')` and `@Injectable()` give `Get` and `Injectable`. */
export function decoratorNames(node: ts.HasDecorators): string[] {
  return (ts.getDecorators(node) ?? []).flatMap(({ expression }) => {
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    return ts.isIdentifier(callee) ? [callee.text] : [];
  });
}
