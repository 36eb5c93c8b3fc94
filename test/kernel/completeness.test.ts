import { checkCompleteness } from "../../src/kernel/typescript/completeness";

describe("checkCompleteness()", () => {
  it.each([
    ["an empty cell", ""],
    ["a statement", "const x = 1"],
    ["a statement with a trailing comment", "const x = 1 // uno\n"],
    ["a closed block", "if (x) {\n  y();\n}"],
    ["top-level await", "const r = await fetch(url);"],
    ["a regular expression with brackets", "const r = /[(]/;"],
    ["a template literal with a substitution", "const s = `a ${b} c`;"],
    ["an emoji in a string", 'console.log("😀")'],
  ])("says %s is complete", (_case, code) => {
    expect(checkCompleteness(code)).toEqual({ status: "complete" });
  });

  it.each([
    ["an open brace", "if (x) {", "  "],
    ["an open parenthesis over two lines", "foo(1,\n  2", "  "],
    ["an open bracket", "const a = [1, 2", "  "],
    ["an indented open block", "  if (y) {\n    z(", "      "],
    ["a trailing operator", "const x = 1 +", "  "],
    ["an if with no body", "if (x)", "  "],
    ["a for with no body", "for (const x of y)", "  "],
    ["an arrow with no body", "const f = (x) =>", "  "],
    ["a class with no body", "class A", "  "],
    ["a template substitution left open", "const s = `a ${b", "  "],
    ["a template literal left open", "const s = `abc", ""],
    ["a block comment left open", "  /* hola", "  "],
    ["a cell of several statements ending open", "const a = 1;\nfunction f() {\n  return a;", "  "],
    ["a block indented with tabs", "if (x) {\n\ty();\n\tif (z) {", "\t\t"],
    ["a string continued after a backslash", "const s = 'a\\\n", ""],
  ])("says %s is incomplete", (_case, code, indent) => {
    expect(checkCompleteness(code)).toEqual({ status: "incomplete", indent });
  });

  it.each([
    ["a closing brace with no opener", "}"],
    ["a closing parenthesis with no opener", "foo)"],
    ["a mismatched bracket", "foo(1]"],
    ["a string left open at the end of its line", 'const s = "abc'],
    ["an else with no if", "else"],
    ["a syntax error before an open block", "const = 5;\nif (x) {"],
    ["two expressions in a row", "const x = 5 6"],
  ])("says %s is invalid", (_case, code) => {
    expect(checkCompleteness(code)).toEqual({ status: "invalid" });
  });
});
