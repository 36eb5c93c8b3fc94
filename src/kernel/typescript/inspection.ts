import ts from "typescript";
import type { MimeBundle } from "../protocol/introspection";
import type { CellLanguageService } from "./language-service";
import { tokenAt } from "./tokens";

/** The parts of a symbol's description: its signature as TypeScript prints it, its documentation and its tags. */
interface Description {
  signature: string;
  documentation: string;
  tags: readonly ts.JSDocTagInfo[];
  /** Documentation of the argument at the cursor, inside a call. */
  parameter?: { name: string; documentation: string };
}

/**
 * Describes the name at cursor (a UTF-16 offset into code) as text/plain and text/markdown, or returns
 * undefined when nothing there has a description. Inside the arguments of a call, describes the
 * function called. Detail level 0 gives the signature and the first paragraph of the documentation.
 * Level 1 gives all of the documentation and its tags, such as @param and @default. With nameOnly, a
 * name that is not found is not described by the call around it.
 */
export function inspectCell(service: CellLanguageService, code: string, cursor: number, detailLevel: 0 | 1, nameOnly = false): MimeBundle | undefined {
  const { program, file } = service.open(code);
  const description = describeName(service, program, file, cursor) ?? (nameOnly ? undefined : describeCall(service, file, cursor));
  if (!description) return undefined;
  return { "text/plain": plainText(description, detailLevel), "text/markdown": markdown(description, detailLevel) };
}

function describeName(service: CellLanguageService, program: ts.Program, file: ts.SourceFile, cursor: number): Description | undefined {
  const info = service.service.getQuickInfoAtPosition(file.fileName, cursor);
  // A name that TypeScript does not find gets the kind "unknown" and the type any, which is no help.
  if (!info?.displayParts?.length || info.kind === ts.ScriptElementKind.unknown) return undefined;
  const description = {
    signature: ts.displayPartsToString(withoutAliasLines(info.displayParts)),
    documentation: ts.displayPartsToString(info.documentation),
    tags: info.tags ?? [],
  };
  // A variable has no documentation of its own, but its class or interface may: `modelo` shows Sequential's.
  if (!description.documentation) description.documentation = typeDocumentation(program, file, cursor);
  return description;
}

/**
 * Drops what TypeScript adds to the description of an imported name, "(alias) " before it and the
 * line "import Dense = Dense" after it, so a preloaded global reads like the class or function it is.
 */
function withoutAliasLines(parts: ts.SymbolDisplayPart[]): ts.SymbolDisplayPart[] {
  const text = (index: number) => parts[index]?.text;
  const isAlias = text(0) === "(" && text(1) === "alias" && text(2) === ")" && parts[3]?.kind === "space";
  if (!isAlias) return parts;
  const rest = parts.slice(4);
  const importLine = rest.findIndex((part, index) => part.kind === "lineBreak" && rest[index + 1]?.text === "import");
  return importLine === -1 ? rest : rest.slice(0, importLine);
}

function typeDocumentation(program: ts.Program, file: ts.SourceFile, cursor: number): string {
  const token = tokenAt(file, cursor);
  if (!token || !ts.isIdentifier(token)) return "";
  const checker = program.getTypeChecker();
  const type = checker.getTypeAtLocation(token);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  // The type's own declaration is not worth repeating when the name under the cursor is that declaration.
  if (!symbol || symbol === checker.getSymbolAtLocation(token)) return "";
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
  return text ? `${checker.typeToString(type)}: ${text}` : "";
}

function describeCall(service: CellLanguageService, file: ts.SourceFile, cursor: number): Description | undefined {
  const help = service.service.getSignatureHelpItems(file.fileName, cursor, undefined);
  const item = help?.items[help.selectedItemIndex];
  if (!help || !item) return undefined;

  const parameters = item.parameters.map((parameter) => ts.displayPartsToString(parameter.displayParts));
  const signature = [
    ts.displayPartsToString(item.prefixDisplayParts),
    parameters.join(ts.displayPartsToString(item.separatorDisplayParts)),
    ts.displayPartsToString(item.suffixDisplayParts),
  ].join("");
  const active = item.parameters[help.argumentIndex];
  const parameterDocumentation = active ? ts.displayPartsToString(active.documentation) : "";
  let documentation = ts.displayPartsToString(item.documentation);
  let tags = item.tags;
  if (!documentation) {
    // An overload without documentation of its own, such as Dense's constructors, takes the callee's:
    // the name that ends at the `(` just before the arguments.
    const callee = service.service.getQuickInfoAtPosition(file.fileName, help.applicableSpan.start - 1);
    documentation = ts.displayPartsToString(callee?.documentation);
    if (tags.length === 0) tags = callee?.tags ?? [];
  }
  return {
    signature,
    documentation,
    tags,
    ...(active && parameterDocumentation ? { parameter: { name: active.name, documentation: parameterDocumentation } } : {}),
  };
}

function plainText(description: Description, detailLevel: 0 | 1): string {
  const sections = [description.signature, documentationText(description, detailLevel)];
  if (description.parameter) sections.push(`${description.parameter.name}: ${description.parameter.documentation}`);
  if (detailLevel === 1) sections.push(description.tags.map((tag) => `@${tag.name} ${tagText(tag)}`.trim()).join("\n"));
  return sections.filter((section) => section !== "").join("\n\n");
}

function markdown(description: Description, detailLevel: 0 | 1): string {
  const sections = ["```ts\n" + description.signature + "\n```", documentationText(description, detailLevel)];
  if (description.parameter) sections.push(`\`${description.parameter.name}\`: ${description.parameter.documentation}`);
  if (detailLevel === 1) sections.push(description.tags.map(tagMarkdown).join("\n\n"));
  return sections.filter((section) => section !== "").join("\n\n");
}

/** Returns the whole documentation at level 1, else its first paragraph. */
function documentationText(description: Description, detailLevel: 0 | 1): string {
  const text = description.documentation.trim();
  return detailLevel === 1 ? text : text.split(/\n\s*\n/)[0];
}

function tagText(tag: ts.JSDocTagInfo): string {
  return ts.displayPartsToString(tag.text).trim();
}

/** Renders a tag such as `@param units - Number of output values` or `@example` with its code. */
function tagMarkdown(tag: ts.JSDocTagInfo): string {
  const parts = tag.text ?? [];
  if (tag.name === "example") {
    const text = tagText(tag);
    return text.includes("```") ? `*@example*\n\n${text}` : `*@example*\n\n\`\`\`ts\n${text}\n\`\`\``;
  }
  const name = parts.find((part) => part.kind === "parameterName" || part.kind === "typeParameterName");
  if (name) {
    const rest = ts.displayPartsToString(parts.filter((part) => part !== name)).trim();
    return `*@${tag.name}* \`${name.text}\`${rest ? ` — ${rest}` : ""}`;
  }
  const text = tagText(tag);
  return text ? `*@${tag.name}* ${text}` : `*@${tag.name}*`;
}
