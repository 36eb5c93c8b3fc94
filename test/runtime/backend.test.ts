import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/runtime/backend";

// Each test resolves the backends' packages from a temporary folder whose node_modules contains only the
// fake packages it writes, so neither tfjs-node nor the wasm backend is found there and cpu is used.

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-backend-test-"));
  mkdirSync(join(folder, "node_modules"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes a file of a fake package under the temporary folder's node_modules. */
function writePackageFile(packageName: string, file: string, content: string | Buffer): void {
  const path = join(folder, "node_modules", packageName, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function writeFakePackage(packageName: string, main: string, mainContent: string): void {
  writePackageFile(packageName, "package.json", JSON.stringify({ name: packageName, version: "4.22.0", main }));
  writePackageFile(packageName, main, mainContent);
}

/** Runs selectBackend against the temporary folder and returns the backend with the warnings. */
async function selectIn(requested?: string): Promise<{ backend: string; warnings: string[] }> {
  const warnings: string[] = [];
  const backend = await selectBackend(tf, requested, (message) => warnings.push(message), createRequire(join(folder, "index.js")));
  return { backend, warnings };
}

describe("selectBackend", () => {
  it("uses the requested backend without warnings", async () => {
    const { backend, warnings } = await selectIn("cpu");
    expect(backend).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(warnings).toEqual([]);
  });

  it("reports tfjs-node not installed", async () => {
    const { backend, warnings } = await selectIn();
    expect(backend).toBe("cpu");
    expect(warnings).toEqual([
      "backend tensorflow not used: @tensorflow/tfjs-node is not installed " +
        "(scripts/tfjs-node-offline.sh installs it without Google's storage); using cpu",
      "backend wasm not used: @tensorflow/tfjs-backend-wasm is not installed; using cpu",
    ]);
  });

  it("reports tfjs-node that throws on load", async () => {
    // What npm leaves when the install script did not run: the package throws because its addon is missing.
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'throw new Error("the native addon was not built\\nrun its install script");');
    const { backend, warnings } = await selectIn();
    expect(backend).toBe("cpu");
    expect(warnings[0]).toBe("backend tensorflow not used: @tensorflow/tfjs-node failed to load: the native addon was not built; using cpu");
  });

  it("reports a missing native addon", async () => {
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'module.exports = require("./lib/napi-v8/tfjs_binding.node");');
    const { warnings } = await selectIn();
    // jest's require words this error unlike Node's, so only the parts both print are checked.
    expect(warnings[0]).toMatch(/^backend tensorflow not used: @tensorflow\/tfjs-node failed to load: .*; using cpu$/);
    expect(warnings[0]).toContain("Cannot find module './lib/napi-v8/tfjs_binding.node'");
  });

  it("reports a native addon that does not load", async () => {
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'module.exports = require("./lib/napi-v8/tfjs_binding.node");');
    writePackageFile("@tensorflow/tfjs-node", "lib/napi-v8/tfjs_binding.node", Buffer.from("not a shared library"));
    const { backend, warnings } = await selectIn();
    expect(backend).toBe("cpu");
    expect(warnings[0]).toMatch(/^backend tensorflow not used: @tensorflow\/tfjs-node failed to load: .*tfjs_binding\.node.*; using cpu$/);
  });

  it("reports a package whose main file is missing", async () => {
    writePackageFile("@tensorflow/tfjs-node", "package.json", JSON.stringify({ name: "@tensorflow/tfjs-node", main: "dist/index.js" }));
    const { warnings } = await selectIn();
    expect(warnings[0]).toMatch(/^backend tensorflow not used: @tensorflow\/tfjs-node failed to load: .*; using cpu$/);
    expect(warnings[0]).toContain("Cannot find module '@tensorflow/tfjs-node'");
  });

  it("reports a package that registers no backend", async () => {
    writeFakePackage("@tensorflow/tfjs-node", "index.js", "module.exports = {};");
    const { warnings } = await selectIn();
    expect(warnings[0]).toBe("backend tensorflow not used: it failed to start: Backend name 'tensorflow' not found in registry; using cpu");
  });

  describe("TensorFlow's intra-op threads", () => {
    const saved = process.env.TF_NUM_INTRAOP_THREADS;
    const seen = () => (globalThis as { threadsAtLoad?: string }).threadsAtLoad;
    beforeEach(() => {
      delete process.env.TF_NUM_INTRAOP_THREADS;
      writeFakePackage("@tensorflow/tfjs-node", "index.js", "globalThis.threadsAtLoad = process.env.TF_NUM_INTRAOP_THREADS;");
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TF_NUM_INTRAOP_THREADS;
      else process.env.TF_NUM_INTRAOP_THREADS = saved;
    });

    it("leave one core to JavaScript", async () => {
      await selectIn();
      expect(seen()).toBe(String(Math.max(1, availableParallelism() - 1)));
    });

    it("keep the user's setting", async () => {
      process.env.TF_NUM_INTRAOP_THREADS = "3";
      await selectIn();
      expect(seen()).toBe("3");
    });
  });

  it("loads tfjs-node-gpu before tfjs-node", async () => {
    writeFakePackage("@tensorflow/tfjs-node-gpu", "index.js", 'throw new Error("no CUDA library");');
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'throw new Error("not expected to load");');
    const { warnings } = await selectIn();
    expect(warnings[0]).toBe("backend tensorflow not used: @tensorflow/tfjs-node-gpu failed to load: no CUDA library; using cpu");
  });

  it("falls back from a requested backend that fails", async () => {
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'throw new Error("addon missing");');
    const { backend, warnings } = await selectIn("tensorflow");
    expect(backend).toBe("cpu");
    expect(warnings[0]).toBe("backend tensorflow not used: @tensorflow/tfjs-node failed to load: addon missing; using cpu");
  });

  it("falls back from an unknown backend name", async () => {
    const { backend, warnings } = await selectIn("tensorfow");
    expect(backend).toBe("cpu");
    expect(warnings[0]).toBe("backend tensorfow not used: it failed to start: Backend name 'tensorfow' not found in registry; using cpu");
  });

  it("writes each reason on one line", async () => {
    writeFakePackage("@tensorflow/tfjs-node", "index.js", 'throw new Error("first line\\nsecond line\\nthird line");');
    const { warnings } = await selectIn();
    for (const warning of warnings) expect(warning).not.toContain("\n");
  });
});
