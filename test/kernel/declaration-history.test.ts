import { DeclarationHistory } from "../../src/kernel/typescript/history";

describe("DeclarationHistory", () => {
  it("keeps a redefined type for earlier entries", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("export type Pair = [number, number];\nexport declare const pr: Pair;\nexport interface Box<Pair> {\n    inner: Pair;\n}\n");
    history.recordDeclarationFile("export type Pair = string;\n");

    const text = history.text();
    expect(text).toContain("declare type Pairʹ = [number, number];");
    expect(text).toContain("const pr: Pairʹ;");
    expect(text).toContain("  type Pair = string;");
    // Box's type parameter named Pair is not the global type.
    expect(text).toContain("inner: Pair;");
  });

  it("adds no version when a type is defined again unchanged or unused", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("export type Pair = [number, number];\nexport declare const pr: Pair;\n");
    history.recordDeclarationFile("export type Pair = [number, number];\n");
    expect(history.text()).not.toContain("Pairʹ");

    history.recordDeclarationFile("export interface Unused {\n    a: number;\n}\n");
    history.recordDeclarationFile("export interface Unused {\n    b: string;\n}\n");
    expect(history.text()).not.toContain("Unusedʹ");
  });

  it("keeps its text when a name is declared the same again", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("export declare const first: number;\n");
    history.recordDeclarationFile("export declare const second: string;\n");
    const text = history.text();
    const version = history.version;

    history.recordDeclarationFile("export declare const first: number;\n");
    expect(history.text()).toBe(text);
    expect(history.version).toBe(version);

    // Declared differently, the name moves to the end, in the order of definition.
    history.recordDeclarationFile("export declare const first: boolean;\n");
    expect(history.text().indexOf("first: boolean")).toBeGreaterThan(history.text().indexOf("second: string"));
  });

  it("keeps documentation comments with their declarations", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("/** A 2D point. */\nexport declare class Point {\n    x: number;\n}\n/** The origin. */\nexport declare const origin: Point, unit: Point;\n");
    const text = history.text();
    expect(text).toContain("/** A 2D point. */\nclass Point {");
    expect(text).toContain("/** The origin. */\nconst origin: Point;");
    expect(text).toContain("/** The origin. */\nconst unit: Point;");
  });

  it("keeps a documented type's earlier version", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("/** Two numbers. */\nexport type Pair = [number, number];\nexport declare const pr: Pair;\n");
    history.recordDeclarationFile("export type Pair = string;\n");
    expect(history.text()).toContain("const pr: Pair\u02b9;");
  });

  it("adds no version when only a type's documentation changes", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("/** A 2D point. */\nexport declare class Point {\n    x: number;\n}\nexport declare const origin: Point;\n");
    history.recordDeclarationFile("/** A point on the plane. */\nexport declare class Point {\n    x: number;\n}\n");
    expect(history.text()).not.toContain("Point\u02b9");
    expect(history.text()).toContain("/** A point on the plane. */\nclass Point {");
  });

  it("numbers each earlier version of a type", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("export declare class Model {\n    units: number;\n}\nexport declare const first: Model;\n");
    history.recordDeclarationFile("export declare class Model {\n    layers: number;\n}\nexport declare const second: Model;\n");
    history.recordDeclarationFile("export declare class Model {\n    name: string;\n}\n");

    const text = history.text();
    expect(text).toContain("declare class Modelʹ {");
    expect(text).toContain("declare class Modelʹʹ {");
    expect(text).toContain("const first: Modelʹ;");
    expect(text).toContain("const second: Modelʹʹ;");
  });

  it("leaves a cell's own references to its new type", () => {
    const history = new DeclarationHistory();
    history.recordDeclarationFile("export type Pair = [number, number];\nexport declare const pr: Pair;\n");
    // A cell that declares the variable before the type, as hoisting allows.
    history.recordDeclarationFile("export declare const pr: Pair;\nexport type Pair = string;\n");
    expect(history.text()).toContain("const pr: Pair;");
    expect(history.text()).not.toContain("Pairʹ");
  });
});
