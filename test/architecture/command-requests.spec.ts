import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import ts from 'typescript';
import { codeFiles } from './source-files.js';

/*
 * A command's fields are declared once, in its domain type. The body of every command route is a DTO
 * class that `implements RequestOf<Command, …>`, directly or through a type alias that adds what the
 * wire does differently, so that the compiler checks the DTO against the command. This test reads the
 * controllers with the compiler's type checker and finds that clause for every body.
 */

const API = resolve('apps/api/src');
const ROUTE_DECORATORS = new Set(['Post', 'Put', 'Patch', 'Delete']);
const REQUEST_OF_FILE = resolve(API, 'platform/command-requests.ts');
const DOMAIN = `${sep}libs${sep}domain${sep}`;

/** The body of the commands that take nothing but their business time: the service's `RequestOf` parameter ties each. */
const BUSINESS_TIME_ONLY = 'BusinessTimeRequest';

/** API key requests give lifetimes in days and seconds, which the key service turns into the instants the commands hold. */
const UNTIED_CONTROLLERS = [resolve(API, 'auth/api-keys.controller.ts')];

interface CommandRoute {
  readonly route: string;
  readonly body: ts.ClassDeclaration;
}

function controllerFiles(): string[] {
  return codeFiles(API, '.controller.ts').filter((file) => !UNTIED_CONTROLLERS.includes(file));
}

function compile(rootNames: string[]): ts.Program {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic(diagnostic: ts.Diagnostic): never {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, host);
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  return ts.createProgram({ rootNames, options: { ...config.options, noEmit: true } });
}

function decoratorNames(node: ts.HasDecorators): string[] {
  return (ts.getDecorators(node) ?? []).flatMap(({ expression }) => {
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    return ts.isIdentifier(callee) ? [callee.text] : [];
  });
}

function declarationOf(checker: ts.TypeChecker, name: ts.Node): ts.Declaration | undefined {
  const symbol = checker.getSymbolAtLocation(name);
  const target = symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target?.declarations?.[0];
}

function commandRoutes(program: ts.Program, files: string[]): CommandRoute[] {
  const checker = program.getTypeChecker();
  return files.flatMap((file) => {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file} is not in the program`);
    return source.statements.filter(ts.isClassDeclaration).flatMap((controller) =>
      controller.members
        .filter(ts.isMethodDeclaration)
        .filter((method) => decoratorNames(method).some((name) => ROUTE_DECORATORS.has(name)))
        .flatMap((method) =>
          method.parameters
            .filter((parameter) => decoratorNames(parameter).includes('Body'))
            .map((parameter) => ({ route: `${controller.name?.text}.${method.name.getText()}`, body: bodyClass(checker, parameter) })),
        ),
    );
  });
}

function bodyClass(checker: ts.TypeChecker, parameter: ts.ParameterDeclaration): ts.ClassDeclaration {
  const type = parameter.type;
  const declaration = type !== undefined && ts.isTypeReferenceNode(type) ? declarationOf(checker, type.typeName) : undefined;
  if (declaration === undefined || !ts.isClassDeclaration(declaration)) throw new Error(`the body ${parameter.getText()} is no class`);
  return declaration;
}

function isRequestOf(declaration: ts.Declaration): boolean {
  return ts.isTypeAliasDeclaration(declaration) && declaration.name.text === 'RequestOf' && declaration.getSourceFile().fileName === REQUEST_OF_FILE;
}

/** An interface of the domain with a `type` of one string: a command. */
function isDomainCommand(declaration: ts.Declaration): declaration is ts.InterfaceDeclaration {
  return (
    ts.isInterfaceDeclaration(declaration) &&
    resolve(declaration.getSourceFile().fileName).includes(DOMAIN) &&
    declaration.members.some(
      (member) =>
        ts.isPropertySignature(member) &&
        member.name.getText() === 'type' &&
        member.type !== undefined &&
        ts.isLiteralTypeNode(member.type) &&
        ts.isStringLiteral(member.type.literal),
    )
  );
}

function isProjectAlias(declaration: ts.Declaration): declaration is ts.TypeAliasDeclaration {
  return ts.isTypeAliasDeclaration(declaration) && declaration.getSourceFile().fileName.startsWith(API);
}

/** The domain commands a type names as `RequestOf<Command, …>`, following the project's type aliases. */
function commandsNamedBy(checker: ts.TypeChecker, node: ts.Node, followed = new Set<ts.Node>()): string[] {
  const found: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isTypeReferenceNode(child) || ts.isExpressionWithTypeArguments(child)) {
      const declaration = declarationOf(checker, ts.isTypeReferenceNode(child) ? child.typeName : child.expression);
      const [commandType] = child.typeArguments ?? [];
      if (declaration !== undefined && isRequestOf(declaration) && commandType !== undefined && ts.isTypeReferenceNode(commandType)) {
        const command = declarationOf(checker, commandType.typeName);
        if (command !== undefined && isDomainCommand(command)) found.push(command.name.text);
      } else if (declaration !== undefined && isProjectAlias(declaration) && !followed.has(declaration)) {
        followed.add(declaration);
        found.push(...commandsNamedBy(checker, declaration.type, followed));
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

function commandsImplementedBy(checker: ts.TypeChecker, body: ts.ClassDeclaration): string[] {
  const implemented = (body.heritageClauses ?? [])
    .filter((clause) => clause.token === ts.SyntaxKind.ImplementsKeyword)
    .flatMap((clause) => clause.types);
  return implemented.flatMap((type) => commandsNamedBy(checker, type));
}

describe('command request DTOs', () => {
  const files = controllerFiles();
  const program = compile(files);
  const checker = program.getTypeChecker();
  const routes = commandRoutes(program, files);

  it('are found in the controllers of every context', () => {
    const contexts = new Set(routes.map(({ body }) => body.getSourceFile().fileName.slice(API.length + 1).split(sep)[0]));
    const expected = ['care', 'competence', 'council', 'feedback', 'motivation', 'organisation', 'platform', 'quality', 'standards', 'support', 'surveys', 'training'];
    expect([...contexts].sort()).toEqual(expected);
  });

  it('each implement RequestOf a command of the domain', () => {
    const untied = routes
      .filter(({ body }) => body.name?.text !== BUSINESS_TIME_ONLY)
      .filter(({ body }) => commandsImplementedBy(checker, body).length === 0)
      .map(({ route, body }) => `${route}: ${body.name?.text}`);
    expect(untied).toEqual([]);
  });

  it('finds the command through a type alias that states how the wire differs', () => {
    const startInspection = routes.find(({ route }) => route === 'InspectionsController.start');
    expect(startInspection && commandsImplementedBy(checker, startInspection.body)).toEqual(['StartInspection']);
  });
});

/** The types named `…Input` a file declares, at any depth: a second declaration of a command's fields, beside the command. */
export function inputTypes(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const declaresType = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node);
    if (declaresType && node.name?.text.endsWith('Input')) found.push(`${file}: ${node.name.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('command fields', () => {
  const files = ['apps/api/src', 'libs/domain'].flatMap((root) => codeFiles(root));

  it('are declared by no *Input type in the api or the domain', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.flatMap((file) => inputTypes(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('finds an *Input interface, alias, class or enum, also inside a namespace', () => {
    const source = `
      export interface RefundInput { readonly amount: number }
      type Draft = { readonly a: string };
      export class TicketInput {}
      declare module 'x' { interface NestedInput {} }
      enum KindInput { A }
    `;
    expect(inputTypes('x.ts', source)).toEqual(['x.ts: RefundInput', 'x.ts: TicketInput', 'x.ts: NestedInput', 'x.ts: KindInput']);
  });
});
