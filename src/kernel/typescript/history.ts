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
 * NOTE: entries refer to types by name, so redefining a type changes the type of earlier variables
 * declared with it: after `type Pair = [number, number]; const p: Pair = [1, 2];` and then
 * `type Pair = string;`, a later cell checks `p` as a string although its value is still an array.
 */
export class DeclarationHistory {
  private readonly entries = new Map<string, HistoryEntry>();
  private importCount = 0;
  private cachedText: string | undefined;
  private changes = 0;

  /** A number that changes whenever an entry does. */
  get version(): number {
    return this.changes;
  }

  /** Returns the module's source: the imports, then one `declare global` block with every entry. */
  text(): string {
    if (this.cachedText !== undefined) return this.cachedText;
    const imports = new Set<string>();
    const declarations: string[] = [];
    for (const entry of this.entries.values()) {
      entry.imports.forEach((line) => imports.add(line));
      declarations.push(...entry.declarations);
    }
    this.cachedText = [...imports, "export {};", "declare global {", ...declarations.map((d) => "  " + d), "}", ""].join("\n");
    return this.cachedText;
  }

  /**
   * Records a cell's declaration file (TypeScript's .d.ts emit of the cell, every top-level
   * declaration exported) under the names it declares.
   */
  recordDeclarationFile(dts: string): void {
    const file = ts.createSourceFile("cell.d.ts", dts, ts.ScriptTarget.ES2022, false);
    const imports = file.statements.filter(ts.isImportDeclaration).map((statement) => statement.getText(file));
    const byName = new Map<string, string[]>();
    const add = (name: string, declaration: string) => byName.set(name, [...(byName.get(name) ?? []), declaration]);

    for (const statement of file.statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) continue;
      const body = withoutExportAndDeclare(statement, file);
      if (ts.isVariableStatement(statement)) {
        const keyword = variableKeyword(statement.declarationList);
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) add(declaration.name.text, `${keyword} ${declaration.getText(file)};`);
        }
      } else {
        const name = declaredName(statement);
        if (name) add(name, body);
      }
    }

    for (const [name, declarations] of byName) this.set(name, { declarations, imports });
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
    // Deleting first moves the name to the end, so the generated text follows the order of definition.
    this.entries.delete(name);
    this.entries.set(name, entry);
    this.cachedText = undefined;
    this.changes++;
  }
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

/** Returns `<T0, T1>` for two type parameters, each followed by suffix, or nothing for none. */
function typeParameterList(count: number, suffix = ""): string {
  if (count === 0) return "";
  return `<${Array.from({ length: count }, (_, index) => `T${index}${suffix}`).join(", ")}>`;
}
