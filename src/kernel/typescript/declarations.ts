import ts from "typescript";

/** Name of the runtime helper object the rewritten cell calls; the executor defines it globally. */
export const RUNTIME_HELPERS = "__tskeras";

/**
 * Rewrites a cell's top-level statements so that its declarations outlive the cell.
 *
 * Each top-level const, let, var, function, class and import becomes an assignment to a global
 * of the same name, declared with `var` at script level, so a later cell sees it and declaring the
 * name again simply rebinds it. Functions of the cell that refer to such a name read the global,
 * so a later reassignment is seen by them too. The statements then run inside an async function,
 * which makes top-level await work, and the last expression statement becomes its return value.
 * A `using` declaration stays in that function, so its resource is disposed when the cell ends.
 */
export function cellTransformer(globalNames: Set<string>): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const factory = context.factory;
    const hoisted: ts.Statement[] = [];
    const body: ts.Statement[] = [];
    let moduleCount = 0;

    const assign = (target: ts.Expression, value: ts.Expression, original: ts.Node): ts.Statement =>
      ts.setTextRange(factory.createExpressionStatement(factory.createAssignment(target, value)), original);

    for (const statement of sourceFile.statements) {
      if (!existsAtRunTime(statement)) {
        // TypeScript's emit leaves it out, so there is no value to publish.
        body.push(statement);
      } else if (ts.isImportDeclaration(statement)) {
        body.push(...rewriteImport(statement, factory, globalNames, () => `__module${moduleCount++}`));
      } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
        // `import x = require("m")` binds what the module exports as a whole, as the loader returns it.
        if (statement.isTypeOnly) continue;
        globalNames.add(statement.name.text);
        const specifier = (statement.moduleReference.expression as ts.StringLiteral).text;
        const load = factory.createAwaitExpression(
          factory.createCallExpression(factory.createPropertyAccessExpression(factory.createIdentifier(RUNTIME_HELPERS), "importModule"), undefined, [
            factory.createStringLiteral(specifier),
          ]),
        );
        body.push(assign(factory.createIdentifier(statement.name.text), load, statement));
      } else if (ts.isVariableStatement(statement) && !isUsingDeclaration(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const bound: ts.Identifier[] = [];
          collectBindingIdentifiers(declaration.name, bound);
          bound.forEach((identifier) => globalNames.add(identifier.text));
          // As in JavaScript, `var x;` keeps the value that x has, while `let x;` makes a new x, undefined.
          const isVar = (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
          if (!declaration.initializer && isVar) continue;
          const value = declaration.initializer ?? factory.createVoidZero();
          const target = ts.isIdentifier(declaration.name)
            ? factory.createIdentifier(declaration.name.text)
            : bindingToAssignmentPattern(declaration.name, factory);
          body.push(assign(target, value, declaration));
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
        // Function declarations are hoisted within their scope, so they are bound before the rest runs.
        globalNames.add(statement.name.text);
        const expression = factory.createFunctionExpression(
          statement.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword) as ts.Modifier[] | undefined,
          statement.asteriskToken,
          statement.name,
          statement.typeParameters,
          statement.parameters,
          statement.type,
          statement.body,
        );
        hoisted.push(assign(factory.createIdentifier(statement.name.text), ts.setTextRange(expression, statement), statement));
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        globalNames.add(statement.name.text);
        const expression = factory.createClassExpression(
          statement.modifiers?.filter(ts.isDecorator),
          statement.name,
          statement.typeParameters,
          statement.heritageClauses,
          statement.members,
        );
        body.push(assign(factory.createIdentifier(statement.name.text), ts.setTextRange(expression, statement), statement));
      } else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
        // TypeScript emits enums and namespaces as a local var plus an initialiser; publishing the
        // finished object afterwards keeps that emit intact.
        body.push(stripExport(statement, factory));
        const name = statement.name.text;
        const global = factory.createPropertyAccessExpression(factory.createIdentifier("globalThis"), name);
        body.push(assign(global, factory.createIdentifier(name), statement));
      } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
        // A cell is not a module, so there is nothing to export to.
        continue;
      } else {
        body.push(statement);
      }
    }

    const lastStatement = sourceFile.statements[sourceFile.statements.length - 1];
    if (lastStatement && ts.isExpressionStatement(lastStatement) && body[body.length - 1] === lastStatement) {
      body[body.length - 1] = ts.setTextRange(factory.createReturnStatement(lastStatement.expression), lastStatement);
    }

    // vm.Script runs a cell without a module loader, where Node's import() rejects every module. The
    // test skips the walk for cells without the word; a comment may stand between `import` and `(`.
    if (/\bimport\b/.test(sourceFile.text)) {
      const visit = (node: ts.Node): ts.Node => {
        const visited = ts.visitEachChild(node, visit, context);
        if (!ts.isCallExpression(visited) || visited.expression.kind !== ts.SyntaxKind.ImportKeyword) return visited;
        const load = factory.createPropertyAccessExpression(factory.createIdentifier(RUNTIME_HELPERS), "dynamicImport");
        return ts.setTextRange(factory.createCallExpression(load, undefined, visited.arguments.slice(0, 1)), visited);
      };
      for (let index = 0; index < body.length; index++) body[index] = ts.visitNode(body[index], visit) as ts.Statement;
      for (let index = 0; index < hoisted.length; index++) hoisted[index] = ts.visitNode(hoisted[index], visit) as ts.Statement;
    }

    const declareGlobals = globalNames.size
      ? [factory.createVariableStatement(undefined, factory.createVariableDeclarationList(
          [...globalNames].map((name) => factory.createVariableDeclaration(name)),
          ts.NodeFlags.None,
        ))]
      : [];
    const run = factory.createExpressionStatement(
      factory.createCallExpression(
        factory.createParenthesizedExpression(
          factory.createArrowFunction(
            [factory.createModifier(ts.SyntaxKind.AsyncKeyword)],
            undefined,
            [],
            undefined,
            factory.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
            factory.createBlock([...hoisted, ...body], true),
          ),
        ),
        undefined,
        [],
      ),
    );
    return factory.updateSourceFile(sourceFile, [...declareGlobals, run]);
  };
}

/** Turns `import x, { a as b } from "m"` into `const __module0 = await __tskeras.importModule("m"); x = ...; b = ...`. */
function rewriteImport(
  statement: ts.ImportDeclaration,
  factory: ts.NodeFactory,
  globalNames: Set<string>,
  nextModuleName: () => string,
): ts.Statement[] {
  const clause = statement.importClause;
  if (clause?.isTypeOnly) return [];

  const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
  const helpers = factory.createIdentifier(RUNTIME_HELPERS);
  const load = factory.createAwaitExpression(
    factory.createCallExpression(factory.createPropertyAccessExpression(helpers, "importModule"), undefined, [
      factory.createStringLiteral(specifier),
    ]),
  );
  if (!clause) return [ts.setTextRange(factory.createExpressionStatement(load), statement)];

  const moduleName = factory.createIdentifier(nextModuleName());
  const statements: ts.Statement[] = [
    factory.createVariableStatement(
      undefined,
      factory.createVariableDeclarationList([factory.createVariableDeclaration(moduleName, undefined, undefined, load)], ts.NodeFlags.Const),
    ),
  ];
  const bind = (local: string, value: ts.Expression) => {
    globalNames.add(local);
    statements.push(factory.createExpressionStatement(factory.createAssignment(factory.createIdentifier(local), value)));
  };

  if (clause.name) {
    const defaultExport = factory.createCallExpression(factory.createPropertyAccessExpression(helpers, "defaultExport"), undefined, [moduleName]);
    bind(clause.name.text, defaultExport);
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) bind(bindings.name.text, moduleName);
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const imported = (element.propertyName ?? element.name).text;
      bind(element.name.text, factory.createElementAccessExpression(moduleName, factory.createStringLiteral(imported)));
    }
  }
  return statements.map((s) => ts.setTextRange(s, statement));
}

/** Turns a destructuring declaration's pattern into the equivalent destructuring assignment target. */
function bindingToAssignmentPattern(pattern: ts.BindingPattern, factory: ts.NodeFactory): ts.Expression {
  const target = (name: ts.BindingName): ts.Expression =>
    ts.isIdentifier(name) ? factory.createIdentifier(name.text) : bindingToAssignmentPattern(name, factory);
  const withDefault = (element: ts.BindingElement): ts.Expression =>
    element.initializer ? factory.createAssignment(target(element.name), element.initializer) : target(element.name);

  if (ts.isArrayBindingPattern(pattern)) {
    return factory.createArrayLiteralExpression(
      pattern.elements.map((element) => {
        if (ts.isOmittedExpression(element)) return factory.createOmittedExpression();
        if (element.dotDotDotToken) return factory.createSpreadElement(target(element.name));
        return withDefault(element);
      }),
    );
  }

  const properties = pattern.elements.map((element): ts.ObjectLiteralElementLike => {
    if (element.dotDotDotToken) return factory.createSpreadAssignment(target(element.name));
    if (!element.propertyName && ts.isIdentifier(element.name)) {
      return factory.createShorthandPropertyAssignment(element.name.text, element.initializer);
    }
    const key = element.propertyName ?? (element.name as ts.Identifier);
    return factory.createPropertyAssignment(key as ts.PropertyName, withDefault(element));
  });
  // createExpressionStatement parenthesizes a statement that starts with this literal, so it never reads as a block.
  return factory.createObjectLiteralExpression(properties);
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

function stripExport<T extends ts.EnumDeclaration | ts.ModuleDeclaration>(statement: T, factory: ts.NodeFactory): ts.Statement {
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return statement;
  const modifiers = ts.getModifiers(statement)?.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword);
  return ts.isEnumDeclaration(statement)
    ? factory.updateEnumDeclaration(statement, modifiers, statement.name, statement.members)
    : factory.updateModuleDeclaration(statement as ts.ModuleDeclaration, modifiers, (statement as ts.ModuleDeclaration).name, (statement as ts.ModuleDeclaration).body);
}

/**
 * Returns whether statement is a `using` or `await using` declaration. At a cell's top level it stays
 * local to the cell, so its resource is disposed when the cell ends and later cells do not see it.
 */
export function isUsingDeclaration(statement: ts.VariableStatement): boolean {
  const kind = statement.declarationList.flags & ts.NodeFlags.BlockScoped;
  return kind === ts.NodeFlags.Using || kind === ts.NodeFlags.AwaitUsing;
}

/** TypeScript's test of whether a namespace has code at run time. It is not in TypeScript 5.9's public declarations. */
const internals = ts as unknown as { getModuleInstanceState?(node: ts.ModuleDeclaration): number };
const INSTANTIATED = 1;

/**
 * Returns whether statement creates something at run time. A `declare` statement, `declare global`
 * among them, only describes what exists elsewhere, and a namespace of types only has no code.
 */
export function existsAtRunTime(statement: ts.Statement): boolean {
  if (ts.canHaveModifiers(statement) && hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return false;
  if (ts.isModuleDeclaration(statement) && internals.getModuleInstanceState) return internals.getModuleInstanceState(statement) === INSTANTIATED;
  return true;
}

/** Returns the names a cell's top-level statements bind at run time, in order. */
export function collectTopLevelNames(file: ts.SourceFile): string[] {
  return [...new Set(collectTopLevelBindings(file).map((identifier) => identifier.text))];
}

/** A top-level name of a cell that would replace a global the executor already has. */
export interface ReplacedGlobal {
  identifier: ts.Identifier;
  /** Whether a declaration without code, `declare` or a namespace of types, names it. */
  declared: boolean;
}

/**
 * Returns the cell's top-level names, in order, that would replace a global. A top-level binding becomes
 * a property of the executor's global object, so it would replace a built-in in globalNames, such as
 * `process` or `setTimeout`, for every library in that process. A declaration without code binds
 * nothing, but it would give a built-in or a preloaded name (preloadedNames, such as `tf`) a type that
 * its value does not have.
 */
export function findReplacedGlobals(code: string, globalNames: ReadonlySet<string>, preloadedNames: ReadonlySet<string>): ReplacedGlobal[] {
  // Parsing costs a little, so a cell without `declare`, `namespace` or a built-in's name is not parsed.
  let mentioned = code.includes("declare") || code.includes("namespace");
  for (const name of globalNames) {
    if (mentioned) break;
    mentioned = code.includes(name);
  }
  if (!mentioned) return [];

  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true);
  const replaced: ReplacedGlobal[] = [];
  for (const statement of file.statements) {
    if (existsAtRunTime(statement)) {
      for (const identifier of statementBindings(statement)) if (globalNames.has(identifier.text)) replaced.push({ identifier, declared: false });
    } else {
      for (const identifier of statementBindings(statement, true)) if (globalNames.has(identifier.text) || preloadedNames.has(identifier.text)) replaced.push({ identifier, declared: true });
    }
  }
  return replaced;
}

/** Returns the identifiers that a cell's top-level statements bind at run time, in order. */
export function collectTopLevelBindings(file: ts.SourceFile): ts.Identifier[] {
  return file.statements.flatMap((statement) => statementBindings(statement));
}

/**
 * Returns the identifiers that one top-level statement of a cell binds at run time, and with ambient
 * also those that a `declare` statement or a namespace of types declares. `declare global` binds none.
 */
export function statementBindings(statement: ts.Statement, ambient = false): ts.Identifier[] {
  if (ts.isModuleDeclaration(statement) && statement.flags & ts.NodeFlags.GlobalAugmentation) return [];
  if (!ambient && !existsAtRunTime(statement)) return [];
  if (ts.isVariableStatement(statement) && !isUsingDeclaration(statement)) {
    const bindings: ts.Identifier[] = [];
    for (const declaration of statement.declarationList.declarations) collectBindingIdentifiers(declaration.name, bindings);
    return bindings;
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name];
  if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) return [statement.name];
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && !statement.isTypeOnly) return [statement.name];
  if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
    const clause = statement.importClause;
    const bindings: ts.Identifier[] = clause.name ? [clause.name] : [];
    const namedBindings = clause.namedBindings;
    if (namedBindings && ts.isNamespaceImport(namedBindings)) bindings.push(namedBindings.name);
    if (namedBindings && ts.isNamedImports(namedBindings)) bindings.push(...namedBindings.elements.filter((element) => !element.isTypeOnly).map((element) => element.name));
    return bindings;
  }
  return [];
}

/** Adds the identifiers that a declaration's name binds, through destructuring patterns, to identifiers. */
export function collectBindingIdentifiers(name: ts.BindingName, identifiers: ts.Identifier[]): void {
  if (ts.isIdentifier(name)) {
    identifiers.push(name);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) collectBindingIdentifiers(element.name, identifiers);
  }
}
