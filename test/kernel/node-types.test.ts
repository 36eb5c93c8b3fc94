import { dirname, join } from "node:path";
import { NodeTypes } from "../../src/kernel/typescript/node-types";

const NODE_TYPES_ENTRY = join(dirname(require.resolve("@types/node/package.json")), "index.d.ts");

function loadedText(nodeTypes: NodeTypes): string {
  return nodeTypes.loadedFiles().map((file) => file.text).join("\n");
}

describe("NodeTypes", () => {
  it("loads the files that declare globals", () => {
    const text = loadedText(new NodeTypes(NODE_TYPES_ENTRY));

    expect(text).toContain("var process: NodeJS.Process;");
    expect(text).toMatch(/declare module ["']buffer["'] \{/);
    expect(text).toMatch(/declare module ["']timers["'] \{/);
  });

  it("declares other modules without a body", () => {
    const nodeTypes = new NodeTypes(NODE_TYPES_ENTRY);

    expect(nodeTypes.pendingModules()).toContain('declare module "zlib";');
    expect(nodeTypes.pendingModules()).toContain('declare module "node:zlib";');
    expect(nodeTypes.pendingModules()).not.toContain('declare module "buffer";');
    expect(loadedText(nodeTypes)).not.toMatch(/declare module ["']zlib["'] \{/);
    expect(nodeTypes.isUnloadedModule("node:zlib")).toBe(true);
    expect(nodeTypes.isUnloadedModule("buffer")).toBe(false);
    expect(nodeTypes.isUnloadedModule("not-a-node-module")).toBe(false);
  });

  it("loads a module once, by either name", () => {
    const nodeTypes = new NodeTypes(NODE_TYPES_ENTRY);
    const before = nodeTypes.loadedFiles().length;

    expect(nodeTypes.load(["node:zlib"])).toBe(true);
    expect(nodeTypes.loadedFiles()).toHaveLength(before + 1);
    expect(loadedText(nodeTypes)).toMatch(/declare module ["']zlib["'] \{/);
    expect(nodeTypes.pendingModules()).not.toContain('declare module "zlib";');
    expect(nodeTypes.isUnloadedModule("zlib")).toBe(false);
    expect(nodeTypes.load(["zlib", "node:zlib"])).toBe(false);
    expect(nodeTypes.load(["not-a-node-module"])).toBe(false);
  });

  it("loads the modules a loaded module imports", () => {
    const nodeTypes = new NodeTypes(NODE_TYPES_ENTRY);
    expect(nodeTypes.isUnloadedModule("assert")).toBe(true);

    // assert/strict re-exports node:assert.
    nodeTypes.load(["assert/strict"]);

    expect(nodeTypes.isUnloadedModule("assert")).toBe(false);
    expect(loadedText(nodeTypes)).toMatch(/declare module ["']assert["'] \{/);
  });
});
