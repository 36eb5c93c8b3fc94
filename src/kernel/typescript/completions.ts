import ts from "typescript";
import type { CompletionItem, Completions } from "../protocol/introspection";
import type { CellLanguageService } from "./language-service";
import { isInsideStringLiteral } from "./tokens";

/**
 * How many matches get a signature. Printing one takes the type checker about 0.2 ms for a generic
 * TensorFlow.js function (a CPU profile of `tf.` completions on a 2-core machine), and a long list is
 * filtered down as the learner types.
 */
const MAX_SIGNATURES = 10;

const COMPLETION_OPTIONS: ts.GetCompletionsAtPositionOptions = {
  includeSymbol: true,
  // Auto-imports would offer every export of every package and take much longer.
  includeCompletionsForModuleExports: false,
};

/** Completions at one position of one cell's file, kept while the program stays the same. */
interface CachedEntries {
  program: ts.Program;
  file: ts.SourceFile;
  position: number;
  entries: readonly ts.CompletionEntry[];
  optionalReplacementSpan: ts.TextSpan | undefined;
  /** Kind and signature of each entry described so far. */
  described: Map<ts.CompletionEntry, { type: string; signature?: string }>;
}

/**
 * Completes the word at the cursor with TypeScript's completions: members after a dot, names in
 * scope, keys of an object literal whose type is known, module names inside an import's string.
 *
 * Completions of a name do not depend on the letters typed so far, so the language service is asked
 * about the code with the word at the cursor removed, and the matches are filtered by those letters
 * here. While a learner types `modelo.fi`, `modelo.fit`, the program and its type checker stay the
 * same, and so do the completions.
 */
export class CellCompleter {
  private cached: CachedEntries | undefined;
  /**
   * Signatures printed so far, by declaration, for symbols declared in files that outlive a program:
   * libraries, packages, the prelude. Each request builds a new type checker, and printing the ten
   * signatures of `modelo.` again took it about 3 ms. The cell and the history are new nodes in each
   * program, so their declarations are never found here.
   */
  private readonly signatures = new WeakMap<ts.Declaration, string | null>();

  constructor(private readonly service: CellLanguageService) {}

  /** Returns the completions at cursor, a UTF-16 offset into code. */
  complete(code: string, cursor: number): Completions {
    const position = Math.max(0, Math.min(cursor, code.length));
    const cell = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true);
    const inString = isInsideStringLiteral(cell, position);

    // 1. Find the word that a completion replaces, and the text TypeScript is asked about. Inside a
    // string, where TypeScript completes module names, the text stays as it is.
    const word = wordAround(code, position);
    const removed = inString ? { start: position, end: position } : word;
    const probe = code.slice(0, removed.start) + code.slice(removed.end);
    const toCode = (offset: number) => (offset <= removed.start ? offset : offset + removed.end - removed.start);

    // 2. Ask the language service, unless the cached entries are for the same program and position.
    const { program, file } = this.service.open(probe);
    const found = this.entriesAt(program, file, removed.start);
    if (!found) return { start: position, end: position, items: [] };

    // 3. Keep the entries that start with what is typed, each with the span it replaces in code.
    const fallbackSpan = inString ? found.optionalReplacementSpan : undefined;
    const candidates = found.entries.map((entry) => {
      const span = entry.replacementSpan ?? fallbackSpan;
      const start = span ? toCode(span.start) : word.start;
      const end = span ? toCode(span.start + span.length) : word.end;
      return { entry, start, end, typed: code.slice(start, Math.max(start, position)).toLowerCase() };
    });
    const matching = candidates.filter(({ entry, typed }) => (entry.insertText ?? entry.name).toLowerCase().startsWith(typed) && !isInternalModule(entry, inString));
    matching.sort((a, b) => compareEntries(a.entry, b.entry));

    // 4. Make all matches replace one span, as the protocol has one cursor_start and cursor_end.
    const start = Math.min(position, ...matching.map((match) => match.start));
    const end = Math.max(position, ...matching.map((match) => match.end));
    const seen = new Set<string>();
    const items: CompletionItem[] = [];
    for (const match of matching) {
      const text = code.slice(start, match.start) + (match.entry.insertText ?? match.entry.name) + code.slice(match.end, end);
      if (seen.has(text)) continue;
      seen.add(text);
      items.push({ text, ...this.describe(found, match.entry, items.length < MAX_SIGNATURES) });
    }
    return { start, end, items };
  }

  private describe(found: CachedEntries, entry: ts.CompletionEntry, withSignature: boolean): { type: string; signature?: string } {
    const known = found.described.get(entry);
    if (known && (known.signature !== undefined || !withSignature)) return known;

    const checker = found.program.getTypeChecker();
    const signature = withSignature ? this.signatureOf(entry, checker, found.file) : undefined;
    const description = { type: known?.type ?? kindOf(entry, checker), ...(signature === undefined ? {} : { signature }) };
    found.described.set(entry, description);
    return description;
  }

  private signatureOf(entry: ts.CompletionEntry, checker: ts.TypeChecker, cell: ts.SourceFile): string | undefined {
    const symbol = entry.symbol && resolveAlias(entry.symbol, checker);
    const declaration = symbol?.declarations?.[0];
    const lasting = declaration !== undefined && !this.service.isCellOrHistory(declaration.getSourceFile().fileName) && !dependsOnReceiver(symbol!, declaration);
    if (lasting && this.signatures.has(declaration)) return this.signatures.get(declaration) ?? undefined;

    const signature = signatureOf(symbol, checker, cell);
    if (lasting) this.signatures.set(declaration, signature ?? null);
    return signature;
  }

  private entriesAt(program: ts.Program, file: ts.SourceFile, position: number): CachedEntries | undefined {
    const cached = this.cached;
    if (cached && cached.program === program && cached.file === file && cached.position === position) return cached;

    const info = this.service.service.getCompletionsAtPosition(file.fileName, position, COMPLETION_OPTIONS);
    this.cached = info && { program, file, position, entries: info.entries, optionalReplacementSpan: info.optionalReplacementSpan, described: new Map() };
    return this.cached;
  }
}

/**
 * Returns whether a member's signature depends on the type it is read from, as for a member of a
 * generic class or interface (`map` of number[] or of string[]). TypeScript instantiates members of
 * other classes too, for their `this` type, but they print the same for every receiver.
 */
function dependsOnReceiver(symbol: ts.Symbol, declaration: ts.Declaration): boolean {
  if (!(symbol.flags & ts.SymbolFlags.Transient)) return false;
  const owner = declaration.parent;
  return !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) || (owner.typeParameters?.length ?? 0) > 0;
}

/** Returns the span of the identifier around position: the letters before it are typed, the ones after it are replaced too. */
function wordAround(code: string, position: number): { start: number; end: number } {
  let start = position;
  while (start > 0) {
    const previous = codePointBefore(code, start);
    if (!ts.isIdentifierPart(previous.codePoint, ts.ScriptTarget.ES2022)) break;
    start -= previous.length;
  }
  let end = position;
  while (end < code.length) {
    const next = code.codePointAt(end)!;
    if (!ts.isIdentifierPart(next, ts.ScriptTarget.ES2022)) break;
    end += next > 0xffff ? 2 : 1;
  }
  return { start, end };
}

function codePointBefore(code: string, offset: number): { codePoint: number; length: number } {
  const low = code.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = code.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return { codePoint: code.codePointAt(offset - 2)!, length: 2 };
  }
  return { codePoint: low, length: 1 };
}

/** Orders as TypeScript ranks entries (locals, then members, then globals and keywords), then by name. */
function compareEntries(a: ts.CompletionEntry, b: ts.CompletionEntry): number {
  if (a.sortText !== b.sortText) return a.sortText < b.sortText ? -1 : 1;
  const byName = a.name.toLowerCase().localeCompare(b.name.toLowerCase());
  return byName !== 0 ? byName : a.name.localeCompare(b.name);
}

/** Returns whether entry names one of the modules that the kernel's generated declarations declare for themselves. */
function isInternalModule(entry: ts.CompletionEntry, inString: boolean): boolean {
  return inString && entry.name.startsWith("__tskeras_");
}

/**
 * Returns the entry's TypeScript kind. A name imported or re-exported under another name, such as the
 * preloaded `Dense` or `tf.tensor`, is reported as what it stands for ("class", "function") instead of "alias".
 */
function kindOf(entry: ts.CompletionEntry, checker: ts.TypeChecker): string {
  if (entry.kind !== ts.ScriptElementKind.alias || !entry.symbol) return entry.kind;
  return kindOfSymbol(resolveAlias(entry.symbol, checker)) ?? entry.kind;
}

function resolveAlias(symbol: ts.Symbol, checker: ts.TypeChecker): ts.Symbol {
  if (!(symbol.flags & ts.SymbolFlags.Alias)) return symbol;
  const target = checker.getAliasedSymbol(symbol);
  // An alias whose module does not resolve stands for the checker's "unknown" symbol, which has no declarations.
  return target.declarations?.length ? target : symbol;
}

function kindOfSymbol(symbol: ts.Symbol): string | undefined {
  const flags = symbol.flags;
  const Kind = ts.ScriptElementKind;
  if (flags & ts.SymbolFlags.Class) return Kind.classElement;
  if (flags & ts.SymbolFlags.Enum) return Kind.enumElement;
  if (flags & ts.SymbolFlags.Function) return Kind.functionElement;
  if (flags & ts.SymbolFlags.Method) return Kind.memberFunctionElement;
  if (flags & ts.SymbolFlags.Variable) return variableKind(symbol);
  if (flags & ts.SymbolFlags.GetAccessor) return Kind.memberGetAccessorElement;
  if (flags & ts.SymbolFlags.SetAccessor) return Kind.memberSetAccessorElement;
  if (flags & ts.SymbolFlags.Property) return Kind.memberVariableElement;
  if (flags & ts.SymbolFlags.EnumMember) return Kind.enumMemberElement;
  if (flags & ts.SymbolFlags.Module) return Kind.moduleElement;
  if (flags & ts.SymbolFlags.Interface) return Kind.interfaceElement;
  if (flags & ts.SymbolFlags.TypeAlias) return Kind.typeElement;
  if (flags & ts.SymbolFlags.TypeParameter) return Kind.typeParameterElement;
  return undefined;
}

function variableKind(symbol: ts.Symbol): string {
  const declaration = symbol.valueDeclaration;
  const flags = declaration ? ts.getCombinedNodeFlags(declaration) : ts.NodeFlags.None;
  if (flags & ts.NodeFlags.Const) return ts.ScriptElementKind.constElement;
  if (flags & ts.NodeFlags.Let) return ts.ScriptElementKind.letElement;
  return ts.ScriptElementKind.variableElement;
}

/**
 * Returns the parameters and result of a function, method or class constructor, such as
 * "(x: DataInput, y: DataInput, options?: FitOptions): Promise<History>", with the number of
 * further overloads. Returns undefined for anything that cannot be called.
 */
function signatureOf(symbol: ts.Symbol | undefined, checker: ts.TypeChecker, location: ts.Node): string | undefined {
  if (!symbol) return undefined;
  const callable = ts.SymbolFlags.Function | ts.SymbolFlags.Method | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Property;
  if (!(symbol.flags & callable)) return undefined;

  const type = checker.getTypeOfSymbolAtLocation(symbol, location);
  const signatures = symbol.flags & ts.SymbolFlags.Class ? type.getConstructSignatures() : type.getCallSignatures();
  if (signatures.length === 0) return undefined;
  const text = checker.signatureToString(signatures[0], location);
  const more = signatures.length - 1;
  return more === 0 ? text : `${text} (+${more} overload${more === 1 ? "" : "s"})`;
}
