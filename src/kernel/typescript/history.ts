import ts from "typescript";

/** What an imported name means, which decides how the history declares it again. */
export interface ImportMeanings {
  namespace: boolean;
  value: boolean;
  type: boolean;
  /** Type parameters of the type, which the redeclared type takes too. */
  typeParameters: number;
  /** Imported with `import type`, so usable in types only. */
  typeOnly: boolean;
}

/** Ambient declarations of one top-level name, as TypeScript source. */
interface HistoryEntry {
  /** Statements inside `declare global { ... }`. */
  declarations: string[];
  /** Module-level imports those statements refer to. */
  imports: string[];
}

/**
 * The declarations of the cells run so far, kept as one generated TypeScript module that declares
 * them globally, so a new cell is checked against the types of everything defined before it.
 * A name declared again replaces its earlier entry, which is what running cells again needs.
 *
 * A type defined again with another declaration keeps its earlier meaning for the entries declared
 * with it: after `type Pair = [number, number]; const p: Pair = [1, 2];` and then
 * `type Pair = string;`, `p` is still a pair. The earlier declaration stays at the module's level
 * as `Pairʹ`, which those entries then refer to, and which cells do not see.
 */
export class DeclarationHistory {
  private readonly entries = new Map<string, HistoryEntry>();
  /** Earlier declarations of types defined again, under primed names, with the imports they use. */
  private readonly previousTypes: HistoryEntry = { declarations: [], imports: [] };
  /** How many earlier versions of each type name previousTypes contains. */
  private readonly previousVersions = new Map<string, number>();
  private importCount = 0;
  private cachedText: string | undefined;
  private changes = 0;

  /** A number that changes whenever an entry does. */
  get version(): number {
    return this.changes;
  }

  /**
   * Returns the module's source: the imports, the earlier declarations of types defined again, then one
   * `declare global` block with every entry. The entries of the names in without are left out, for a
   * cell that declares them again inside its own `declare global`, which would otherwise clash with them.
   */
  text(without: ReadonlySet<string> = new Set()): string {
    const omitted = [...without].some((name) => this.entries.has(name));
    if (!omitted && this.cachedText !== undefined) return this.cachedText;
    const imports = new Set<string>(this.previousTypes.imports);
    const declarations: string[] = [];
    for (const [name, entry] of this.entries) {
      if (without.has(name)) continue;
      entry.imports.forEach((line) => imports.add(line));
      declarations.push(...entry.declarations);
    }
    const global = ["declare global {", ...declarations.map((d) => "  " + d), "}"];
    const text = [...imports, "export {};", ...this.previousTypes.declarations, ...global, ""].join("\n");
    if (!omitted) this.cachedText = text;
    return text;
  }

  /**
   * Records a cell's declaration file (TypeScript's .d.ts emit of the cell, every top-level
   * declaration exported) under the names it declares, except those in skipped.
   */
  recordDeclarationFile(dts: string, skipped: ReadonlySet<string> = new Set()): void {
    const file = ts.createSourceFile("cell.d.ts", dts, ts.ScriptTarget.ES2022, false);
    const imports = file.statements.filter(ts.isImportDeclaration).map((statement) => statement.getText(file));
    const byName = new Map<string, string[]>();
    // A `var` declared twice with one type emits the same declaration twice.
    const add = (name: string, declaration: string) => {
      if (skipped.has(name)) return;
      const declarations = byName.get(name) ?? [];
      if (!declarations.includes(declaration)) byName.set(name, [...declarations, declaration]);
    };

    // What a cell declares in `declare global { ... }` is recorded as its other declarations are.
    const statements = file.statements.flatMap((statement) =>
      ts.isModuleDeclaration(statement) && statement.flags & ts.NodeFlags.GlobalAugmentation && statement.body && ts.isModuleBlock(statement.body) ? [...statement.body.statements] : [statement],
    );
    for (const statement of statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) continue;
      // The documentation comments go along, so inspecting the name in a later cell shows them.
      const docs = docComments(statement, file);
      const body = docs + withoutExportAndDeclare(statement, file);
      if (ts.isVariableStatement(statement)) {
        const keyword = variableKeyword(statement.declarationList);
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) add(declaration.name.text, `${docs}${keyword} ${declaration.getText(file)};`);
        }
      } else {
        const name = declaredName(statement);
        if (name) add(name, body);
      }
    }

    // The cell's own declarations refer to its new types, so they are left as they are.
    for (const [name, declarations] of byName) this.keepPreviousType(name, declarations, byName);
    for (const [name, declarations] of byName) this.set(name, { declarations, imports });
  }

  /**
   * Moves the earlier declaration of a type that name now declares differently to the module's level,
   * under a primed name, and makes the other entries that refer to the type refer to that name.
   */
  private keepPreviousType(name: string, declarations: string[], replaced: ReadonlyMap<string, unknown>): void {
    const previous = this.entries.get(name);
    const previousType = previous?.declarations.filter(declaresType) ?? [];
    const unchanged = previous?.declarations.map(withoutDocComments).join("\n") === declarations.map(withoutDocComments).join("\n");
    if (!previous || previousType.length === 0 || unchanged) return;

    // A modifier letter prime (U+02B9), once more for each earlier version, reads in an error
    // message as the type's earlier meaning: Pairʹ, then Pairʹʹ.
    const hidden = `${name}${"\u02b9".repeat((this.previousVersions.get(name) ?? 0) + 1)}`;
    let referred = false;
    for (const [other, entry] of this.entries) {
      if (replaced.has(other)) continue;
      const renamed = entry.declarations.map((declaration) => renameTypeReferences(declaration, name, hidden));
      if (renamed.some((declaration, index) => declaration !== entry.declarations[index])) referred = true;
      entry.declarations = renamed;
    }
    const renamedPrevious = this.previousTypes.declarations.map((declaration) => renameTypeReferences(declaration, name, hidden));
    if (renamedPrevious.some((declaration, index) => declaration !== this.previousTypes.declarations[index])) referred = true;
    this.previousTypes.declarations = renamedPrevious;
    if (!referred) return;

    this.previousVersions.set(name, (this.previousVersions.get(name) ?? 0) + 1);
    for (const declaration of previousType) this.previousTypes.declarations.push(`declare ${renameTypeReferences(declaration, name, hidden, true)}`);
    this.previousTypes.imports.push(...previous.imports);
  }

  /**
   * Records an import binding of a cell as a global of the same name. The import itself goes to the
   * module level under a private alias. A namespace is carried by a global import alias, with all its
   * meanings. Anything else is redeclared: a value as a constant of the alias's type, a type as a type
   * alias with as many type parameters. An import alias can name only a namespace, and a named import of
   * a function given one was typed any.
   * NOTE: the redeclared type's parameters have no constraints and default to any, so a later cell's
   * `Imported` without type arguments means `Imported<any>`, where the import's own default may differ.
   */
  recordImport(local: string, specifier: string, imported: "default" | "*" | "=" | string, meanings: ImportMeanings): void {
    const alias = `__import${this.importCount++}`;
    const from = JSON.stringify(specifier);
    const keyword = meanings.typeOnly ? "import type" : "import";
    let importLine = `${keyword} { ${imported} as ${alias} } from ${from};`;
    if (imported === "default") importLine = `${keyword} ${alias} from ${from};`;
    if (imported === "*") importLine = `${keyword} * as ${alias} from ${from};`;
    // TypeScript reports this form in an ES module, as the history is, but still types the alias.
    if (imported === "=") importLine = `${keyword} ${alias} = require(${from});`;

    const declarations: string[] = [];
    if (meanings.namespace) {
      declarations.push(`export import ${local} = ${alias};`);
    } else {
      if (meanings.value) declarations.push(`const ${local}: typeof ${alias};`);
      if (meanings.type) declarations.push(`type ${local}${typeParameterList(meanings.typeParameters, " = any")} = ${alias}${typeParameterList(meanings.typeParameters)};`);
    }
    this.set(local, { declarations, imports: [importLine] });
  }

  /** Records a name whose type is not known, so later cells can use it unchecked. */
  recordUntyped(name: string): void {
    this.set(name, { declarations: [`var ${name}: any;`], imports: [] });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  private set(name: string, entry: HistoryEntry): void {
    // A cell run again usually declares the same again. The text then stays as it is, and so do the
    // programs built from it: moving the name to the end made the type checker's next program a new one.
    const previous = this.entries.get(name);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((line, index) => line === b[index]);
    if (previous && same(previous.declarations, entry.declarations) && same(previous.imports, entry.imports)) return;

    // Deleting first moves the name to the end, so the generated text follows the order of definition.
    this.entries.delete(name);
    this.entries.set(name, entry);
    this.cachedText = undefined;
    this.changes++;
  }
}

/** Returns the `/** ... *\/` comments written just before statement, each followed by a line break. */
function docComments(statement: ts.Statement, file: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(file.text, statement.pos) ?? [];
  return ranges
    .filter((range) => file.text.startsWith("/**", range.pos))
    .map((range) => `${file.text.slice(range.pos, range.end)}\n`)
    .join("");
}

/** Returns a recorded declaration without the documentation comments that docComments() put before it. */
function withoutDocComments(declaration: string): string {
  return declaration.replace(/^(?:\/\*\*[\s\S]*?\*\/\n)+/, "");
}

function withoutExportAndDeclare(statement: ts.Statement, file: ts.SourceFile): string {
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  const skipped = modifiers.filter((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DeclareKeyword);
  const start = skipped.length ? skipped[skipped.length - 1].end : statement.getStart(file);
  return file.text.slice(start, statement.end).trim();
}

function variableKeyword(list: ts.VariableDeclarationList): string {
  if (list.flags & ts.NodeFlags.Const) return "const";
  if (list.flags & ts.NodeFlags.Let) return "let";
  return "var";
}

function declaredName(statement: ts.Statement): string | undefined {
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement)
  ) {
    return statement.name?.text;
  }
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return statement.name.text;
  return undefined;
}

/** Returns whether a declaration of the history gives its name a type: an interface, type alias, class or enum. */
function declaresType(declaration: string): boolean {
  return /^(?:abstract\s+)?(?:interface|type|class|enum|const\s+enum)\s/.test(withoutDocComments(declaration));
}

/**
 * Renames the references to the type or class `from` in one declaration of the history: type references,
 * heritage clauses and `typeof` queries, except where a type parameter of that name is in scope. With
 * declared, the declaration's own name is renamed too.
 */
function renameTypeReferences(declaration: string, from: string, to: string, declared = false): string {
  if (!declaration.includes(from)) return declaration;
  const file = ts.createSourceFile("entry.d.ts", declaration, ts.ScriptTarget.ES2022, true);
  const edits: number[] = [];
  const leftmost = (name: ts.Node): ts.Node => (ts.isQualifiedName(name) ? leftmost(name.left) : ts.isPropertyAccessExpression(name) ? leftmost(name.expression) : name);
  const shadowed = (node: ts.Node): boolean => {
    for (let scope = node.parent; scope; scope = scope.parent) {
      const parameters = ts.isMappedTypeNode(scope) ? [scope.typeParameter] : (scope as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
      if (parameters?.some((parameter) => parameter.name.text === from)) return true;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    let reference: ts.Node | undefined;
    if (ts.isTypeReferenceNode(node)) reference = leftmost(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) reference = leftmost(node.expression);
    else if (ts.isTypeQueryNode(node)) reference = leftmost(node.exprName);
    if (reference && ts.isIdentifier(reference) && reference.text === from && !shadowed(reference)) edits.push(reference.getStart(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  const statement = file.statements[0] as ts.DeclarationStatement | undefined;
  if (declared && statement?.name && ts.isIdentifier(statement.name) && statement.name.text === from) edits.push(statement.name.getStart(file));

  let renamed = declaration;
  for (const start of edits.sort((a, b) => b - a)) renamed = renamed.slice(0, start) + to + renamed.slice(start + from.length);
  return renamed;
}

/** Returns `<T0, T1>` for two type parameters, each followed by suffix, or nothing for none. */
function typeParameterList(count: number, suffix = ""): string {
  if (count === 0) return "";
  return `<${Array.from({ length: count }, (_, index) => `T${index}${suffix}`).join(", ")}>`;
}
