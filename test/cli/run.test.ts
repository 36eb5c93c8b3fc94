import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// `tskeras run` as a learner uses it: what it prints, and the tracebacks it keeps, in the notebook's language.

const CLI = resolve(__dirname, "..", "..", "dist", "cli", "index.js");
let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-run-test-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeNotebook(name: string, cells: string[], language: string): string {
  const path = join(folder, name);
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tskeras", display_name: "TypeScript (tskeras)", language: "typescript" }, tskeras: { language } },
    cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
  };
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

describe("tskeras run", () => {
  it("keeps the kernel's operator warnings out of the learner's terminal", () => {
    const notebook = writeNotebook("quiet.ipynb", ["1 + 1"], "en");
    // An unknown backend makes the kernel log a warning before it falls back.
    const env: NodeJS.ProcessEnv = { ...process.env, TSKERAS_LANG: "", TSKERAS_BACKEND: "no-such-backend" };
    delete env.TSKERAS_LOG_LEVEL;
    const run = spawnSync(process.execPath, [CLI, "run", notebook, "--output", join(folder, "quiet.out.ipynb")], { encoding: "utf8", env });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/WARN/);

    const verbose = spawnSync(process.execPath, [CLI, "run", notebook, "--output", join(folder, "quiet.out.ipynb")], {
      encoding: "utf8",
      env: { ...env, TSKERAS_LOG_LEVEL: "warn" },
    });
    expect(verbose.stderr).toMatch(/WARN\] backend no-such-backend not used/);
  });

  it("writes a Spanish notebook's traceback in Spanish", () => {
    const notebook = writeNotebook("falla.ipynb", ["function falla(): never {\n  throw new Error('mal');\n}\nfalla();"], "es");
    const output = join(folder, "falla.out.ipynb");
    const run = spawnSync(process.execPath, [CLI, "run", notebook, "--output", output], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "" } });
    expect(run.status).toBe(1);
    const traceback = (JSON.parse(readFileSync(output, "utf8")).cells[0].outputs[0].traceback as string[]).join("\n");
    expect(traceback).toMatch(/en falla \(celda\[1\], línea 2, columna \d+\)/);
    expect(traceback).not.toMatch(/\bat /);
  });
});
