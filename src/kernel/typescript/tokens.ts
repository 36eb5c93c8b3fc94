import ts from "typescript";

/**
 * Returns the innermost token that contains position, or the identifier or keyword that ends at it,
 * as an editor's cursor right after a name refers to that name. Returns undefined in whitespace.
 */
export function tokenAt(file: ts.SourceFile, position: number): ts.Node | undefined {
  let node: ts.Node = file;
  for (;;) {
    const child = node.getChildren(file).find((candidate) => contains(candidate, position, file));
    if (!child) return node === file ? undefined : node;
    node = child;
  }
}

function contains(node: ts.Node, position: number, file: ts.SourceFile): boolean {
  const start = node.getStart(file);
  if (start <= position && position < node.end) return true;
  // A name that ends at the cursor is the name being typed, but a `(` that ends there is not.
  return position === node.end && position > start && endsWithName(node, file);
}

function endsWithName(node: ts.Node, file: ts.SourceFile): boolean {
  const last = node.getLastToken(file) ?? node;
  const isKeyword = last.kind >= ts.SyntaxKind.FirstKeyword && last.kind <= ts.SyntaxKind.LastKeyword;
  return ts.isIdentifier(last) || ts.isPrivateIdentifier(last) || isKeyword || isUnterminatedLiteral(last);
}

/** True for a string or template literal that runs to the end of the text, such as `"node:f` while typing. */
function isUnterminatedLiteral(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) && (node as ts.LiteralExpression).isUnterminated === true;
}

/** True when position is inside the text of a string or template literal, where module names are completed. */
export function isInsideStringLiteral(file: ts.SourceFile, position: number): boolean {
  const token = tokenAt(file, position);
  if (!token) return false;
  const isLiteral = ts.isStringLiteralLike(token) || ts.isTemplateHead(token) || ts.isTemplateMiddle(token) || ts.isTemplateTail(token);
  return isLiteral && position > token.getStart(file);
}
