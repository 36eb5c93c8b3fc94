import ts from "typescript";
import type { Completeness } from "../protocol/introspection";

/** Text added to the indentation of the line that opened a block, as a hint for the next line. */
const INDENT_UNIT = "  ";

/** The unit in a cell that indents any line with a tab. */
const TAB_INDENT_UNIT = "\t";

const CELL_FILE = "/__tskeras_is_complete__.ts";

/** A bracket still open where the code ends: `{`, `(`, `[` or the `${` of a template literal. */
interface OpenBracket {
  kind: ts.SyntaxKind;
  /** Offset of the bracket in the code. */
  offset: number;
}

/**
 * Tells whether code is ready to run, which a console requests when Enter is pressed. The code is
 * parsed with TypeScript, as a module because cells may await at top level:
 * - no syntax error: "complete";
 * - every syntax error at the end of the code, so that more lines could fix it (an open bracket, a
 *   template literal or block comment left open, a trailing operator, `if (x)` with no body):
 *   "incomplete", with the indentation for the next line;
 * - any other syntax error, such as a `}` with no opener or a string left open at the end of its
 *   line: "invalid", so the console runs the code and the learner sees the error at once.
 */
export function checkCompleteness(code: string): Completeness {
  if (code.trim() === "") return { status: "complete" };
  const errors = syntaxErrors(code);
  if (errors.length === 0) return { status: "complete" };

  const scan = scanTokens(code);
  if (scan.unterminatedString) return { status: "invalid" };
  const atEnd = errors.every((error) => (error.start ?? 0) >= scan.lastTokenEnd);
  if (!atEnd) return { status: "invalid" };
  return { status: "incomplete", indent: nextIndent(code, scan) };
}

function syntaxErrors(code: string): readonly ts.Diagnostic[] {
  const options: ts.CompilerOptions = { noLib: true, noResolve: true, types: [], moduleDetection: ts.ModuleDetectionKind.Force };
  let file: ts.SourceFile | undefined;
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, languageVersion) => {
      if (fileName !== CELL_FILE) return undefined;
      file ??= ts.createSourceFile(fileName, code, languageVersion);
      return file;
    },
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => fileName === CELL_FILE,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [CELL_FILE], options, host });
  return program.getSyntacticDiagnostics(program.getSourceFile(CELL_FILE));
}

interface ScanResult {
  open: OpenBracket[];
  /** End of the last token that is not whitespace or a comment. */
  lastTokenEnd: number;
  /** The code ends inside the text of a template literal, where added spaces would be part of the string. */
  insideTemplateText: boolean;
  /** The code ends inside a block comment. */
  insideComment: boolean;
  /** A string in quotes runs to the end of its line, which no further line can fix. */
  unterminatedString: boolean;
  /** The code ends inside a string whose last line ends in a backslash, which continues it on the next line. */
  insideStringContinuation: boolean;
}

/** Scans the code's tokens and records the brackets left open, telling template literals and regular expressions from brackets. */
function scanTokens(code: string): ScanResult {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, code);
  const result: ScanResult = { open: [], lastTokenEnd: 0, insideTemplateText: false, insideComment: false, unterminatedString: false, insideStringContinuation: false };
  let previous = ts.SyntaxKind.Unknown;

  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.MultiLineCommentTrivia) {
      result.insideComment = scanner.getTokenEnd() === code.length && !scanner.getTokenText().endsWith("*/");
      continue;
    }
    if (isTrivia(token)) continue;

    // A `/` after something that cannot end an expression starts a regular expression, whose brackets do not count.
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !endsExpression(previous)) {
      token = scanner.reScanSlashToken();
    }
    // A `}` that closes the `${` of a template literal continues the template's text.
    const top = result.open[result.open.length - 1];
    if (token === ts.SyntaxKind.CloseBraceToken && top?.kind === ts.SyntaxKind.TemplateHead) {
      result.open.pop();
      token = scanner.reScanTemplateToken(false);
      if (token === ts.SyntaxKind.TemplateMiddle) result.open.push({ kind: ts.SyntaxKind.TemplateHead, offset: scanner.getTokenStart() });
    } else if (isOpening(token)) {
      result.open.push({ kind: token, offset: scanner.getTokenStart() });
    } else if (closes(token, top)) {
      result.open.pop();
    }

    result.insideComment = false;
    result.insideTemplateText = isTemplateText(token) && scanner.isUnterminated();
    const openString = token === ts.SyntaxKind.StringLiteral && scanner.isUnterminated();
    result.insideStringContinuation = openString && scanner.getTokenEnd() === code.length && /\\\r?\n$/.test(code);
    result.unterminatedString = openString && !result.insideStringContinuation;
    result.lastTokenEnd = scanner.getTokenEnd();
    previous = token;
  }
  return result;
}

function nextIndent(code: string, scan: ScanResult): string {
  // Spaces added inside a string or a template literal's text would become part of it.
  if (scan.insideTemplateText || scan.insideStringContinuation) return "";
  if (scan.insideComment) return indentationAt(code, code.length);
  const unit = /^\t/m.test(code) ? TAB_INDENT_UNIT : INDENT_UNIT;
  const innermost = scan.open[scan.open.length - 1];
  if (innermost) return indentationAt(code, innermost.offset) + unit;
  // A trailing operator or `if (x)`: the statement goes on, one level deeper than its last line.
  return indentationAt(code, scan.lastTokenEnd) + unit;
}

/** Returns the leading spaces and tabs of the line that contains offset. */
function indentationAt(code: string, offset: number): string {
  const lineStart = offset === 0 ? 0 : code.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(code.slice(lineStart))?.[0] ?? "";
}

function isTrivia(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.WhitespaceTrivia ||
    token === ts.SyntaxKind.NewLineTrivia ||
    token === ts.SyntaxKind.SingleLineCommentTrivia ||
    token === ts.SyntaxKind.ShebangTrivia ||
    token === ts.SyntaxKind.ConflictMarkerTrivia
  );
}

function isOpening(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.OpenBraceToken ||
    token === ts.SyntaxKind.OpenParenToken ||
    token === ts.SyntaxKind.OpenBracketToken ||
    token === ts.SyntaxKind.TemplateHead
  );
}

function closes(token: ts.SyntaxKind, open: OpenBracket | undefined): boolean {
  if (!open) return false;
  return (
    (token === ts.SyntaxKind.CloseBraceToken && open.kind === ts.SyntaxKind.OpenBraceToken) ||
    (token === ts.SyntaxKind.CloseParenToken && open.kind === ts.SyntaxKind.OpenParenToken) ||
    (token === ts.SyntaxKind.CloseBracketToken && open.kind === ts.SyntaxKind.OpenBracketToken)
  );
}

function isTemplateText(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    token === ts.SyntaxKind.TemplateHead ||
    token === ts.SyntaxKind.TemplateMiddle ||
    token === ts.SyntaxKind.TemplateTail
  );
}

/** True for a token after which a `/` divides: a name, a literal or a closing bracket. */
function endsExpression(token: ts.SyntaxKind): boolean {
  return (
    token === ts.SyntaxKind.Identifier ||
    token === ts.SyntaxKind.PrivateIdentifier ||
    token === ts.SyntaxKind.NumericLiteral ||
    token === ts.SyntaxKind.BigIntLiteral ||
    token === ts.SyntaxKind.StringLiteral ||
    token === ts.SyntaxKind.RegularExpressionLiteral ||
    token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    token === ts.SyntaxKind.TemplateTail ||
    token === ts.SyntaxKind.CloseParenToken ||
    token === ts.SyntaxKind.CloseBracketToken ||
    token === ts.SyntaxKind.CloseBraceToken ||
    token === ts.SyntaxKind.PlusPlusToken ||
    token === ts.SyntaxKind.MinusMinusToken ||
    token === ts.SyntaxKind.ThisKeyword ||
    token === ts.SyntaxKind.SuperKeyword ||
    token === ts.SyntaxKind.TrueKeyword ||
    token === ts.SyntaxKind.FalseKeyword ||
    token === ts.SyntaxKind.NullKeyword
  );
}
