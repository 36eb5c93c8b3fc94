import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cellWith, codeCells, joined, type Cell } from "./cells";

// Runs the tutorial notebooks the way the README does, through the compiled `tskeras` command,
// and through Python's nbclient as an independent Jupyter front end. `npm test` builds dist/ and
// creates .venv/ with nbclient first.

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const PYTHON = join(ROOT, ".venv", "bin", "python");

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-notebooks-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function withoutLanguage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, LANG: "C.UTF-8" };
  delete copy.TSKERAS_LANG;
  return copy;
}

describe("tskeras run notebooks/es/01-modelo-secuencial.ipynb", () => {
  let cells: Cell[];
  let printed: string;

  beforeAll(() => {
    const output = join(folder, "salida", "01-modelo-secuencial.ipynb");
    printed = execFileSync(process.execPath, [CLI, "run", join(ROOT, "notebooks/es/01-modelo-secuencial.ipynb"), "--output", output], {
      // The notebook's metadata chooses Spanish; TSKERAS_LANG would override it.
      env: withoutLanguage(process.env),
      encoding: "utf8",
      timeout: 300_000,
    });
    cells = codeCells(output);
  }, 320_000);

  it("prints each cell's progress and where it wrote the notebook", () => {
    expect(printed).toMatch(/^\[1\/10\] console\.log\(/m);
    expect(printed).toMatch(/^  correcto \(\d+\.\d s\)$/m);
    expect(printed).toContain("Cuaderno ejecutado guardado en");
  });

  it("leaves no error output", () => {
    const errors = cells.flatMap((cell) => (cell.outputs ?? []).filter((output) => output.output_type === "error"));
    expect(errors).toEqual([]);
  });

  it("shows the summary as an HTML table and Keras's text layout with 515 parameters", () => {
    const summary = (cellWith(cells, "modelo.summary()").outputs ?? []).find((output) => output.data?.["text/html"]);
    expect(summary).toBeDefined();
    expect(String(summary!.data!["text/html"])).toContain("<table");
    const text = String(summary!.data!["text/plain"]);
    expect(text).toMatch(/dense \(Dense\)\s+\(None, 64\)\s+320/);
    expect(text).toMatch(/dense_1 \(Dense\)\s+\(None, 3\)\s+195/);
    expect(text).toMatch(/515/);
    expect(text).toContain("Capa (tipo)");
  });

  it("draws a Vega-Lite 5 chart with one point per epoch per series", () => {
    const chart = (cellWith(cells, "modelo.fit(").outputs ?? []).find((output) => output.data?.["application/vnd.vegalite.v5+json"]);
    expect(chart).toBeDefined();
    const spec = chart!.data!["application/vnd.vegalite.v5+json"] as { $schema: string; data: { values: { series: string; epoch: number }[] } };
    expect(spec.$schema).toContain("vega-lite/v5");
    const bySeries = new Map<string, number[]>();
    for (const point of spec.data.values) bySeries.set(point.series, [...(bySeries.get(point.series) ?? []), point.epoch]);
    expect([...bySeries.keys()].sort()).toEqual(["accuracy", "loss", "val_accuracy", "val_loss"]);
    for (const epochs of bySeries.values()) expect(epochs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("keeps one text line per epoch and the bar at 100%", () => {
    const outputs = cellWith(cells, "modelo.fit(").outputs ?? [];
    const printedText = outputs
      .filter((output) => output.output_type === "stream")
      .map((output) => output.text ?? "")
      .join("");
    const lines = printedText.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(50);
    lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^Epoch ${index + 1}/50 - [\\d.]+s - loss: `)));

    const bar = outputs.find((output) => String(output.data?.["text/html"] ?? "").includes("tskeras-progress"));
    expect(bar).toBeDefined();
    const html = String(bar!.data!["text/html"]);
    expect(html).toContain('<progress value="1.0000" max="1"');
    expect(html).toContain("Epoch 50/50 - 100% - ");
  });

  it("prints evaluate's loss and an accuracy above 0.9", () => {
    const printedLine = (cellWith(cells, "modelo.evaluate(").outputs ?? []).map((output) => output.text ?? "").join("");
    const match = /pérdida: ([\d.]+)\s+exactitud: ([\d.]+)/.exec(printedLine);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(Number(match![2])).toBeGreaterThan(0.9);
  });

  it("shows predict's tensor with its shape", () => {
    const result = (cellWith(cells, "modelo.predict(").outputs ?? []).find((output) => output.output_type === "execute_result");
    expect(String(result?.data?.["text/plain"])).toMatch(/\[30, ?3\]/);
  });
});

describe("Python's nbclient running notebooks/en/01-sequential-model.ipynb", () => {
  it("executes every cell without errors through the installed kernelspec", () => {
    const dataDir = join(folder, "jupyter-data");
    const env = { ...process.env, JUPYTER_DATA_DIR: dataDir, TSKERAS_LANG: "en" };
    execFileSync(process.execPath, [CLI, "install", "--user"], { env, encoding: "utf8" });

    const listed = execFileSync(join(ROOT, ".venv", "bin", "jupyter"), ["kernelspec", "list", "--json"], { env, encoding: "utf8" });
    expect(Object.keys(JSON.parse(listed).kernelspecs)).toContain("tskeras");

    const run = spawnSync(PYTHON, [join(ROOT, "test/python/run_notebook.py"), join(ROOT, "notebooks/en/01-sequential-model.ipynb"), join(folder, "en.ipynb")], {
      env,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(run.stderr.split("\n").filter((line) => /failed|error outputs/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/executed \d+ code cells without errors/);
  }, 320_000);
});
