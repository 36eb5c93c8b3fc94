import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cellWith, codeCells, joined, type Cell, type Output } from "./cells";

// Runs the exploratory-analysis notebooks through the compiled `tskeras` command (Spanish) and through
// Python's nbclient (English). Each runs in a copy inside a temporary folder, because the notebook
// writes its CSV file next to itself.

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const PYTHON = join(ROOT, ".venv", "bin", "python");
const vegaLite = "application/vnd.vegalite.v5+json";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-exploratory-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function outputsOf(cells: Cell[], fragment: string): Output[] {
  return cellWith(cells, fragment).outputs ?? [];
}

/** Returns the first output of the cell that carries the MIME type. */
function dataOf(cells: Cell[], fragment: string, mimeType: string): unknown {
  return outputsOf(cells, fragment).find((output) => output.data?.[mimeType] !== undefined)?.data?.[mimeType];
}

/** Copies a notebook into its own folder under the test's temporary folder and returns the copy's path. */
function copyNotebook(relativePath: string, name: string): string {
  const target = join(folder, name);
  mkdirSync(target, { recursive: true });
  const copy = join(target, relativePath.split("/").pop()!);
  copyFileSync(join(ROOT, relativePath), copy);
  return copy;
}

describe("tskeras run notebooks/es/02-analisis-exploratorio.ipynb", () => {
  let cells: Cell[];
  let notebookFolder: string;

  beforeAll(() => {
    const notebook = copyNotebook("notebooks/es/02-analisis-exploratorio.ipynb", "es");
    notebookFolder = join(folder, "es");
    const output = join(notebookFolder, "salida.ipynb");
    execFileSync(process.execPath, [CLI, "run", notebook, "--output", output], { env: { ...process.env, TSKERAS_LANG: "" }, encoding: "utf8" });
    cells = codeCells(output);
  }, 300_000);

  it("writes and reads the CSV next to the notebook", () => {
    expect(existsSync(join(notebookFolder, "pinguinos.csv"))).toBe(true);
    expect(String(dataOf(cells, 'readCSV("pinguinos.csv")', "text/plain"))).toContain("344 filas × 7 columnas");
  });

  it("leaves no error output", () => {
    expect(cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.output_type === "error")).toEqual([]);
  });

  it("shows info and describe as tables with Spanish headings", () => {
    expect(String(dataOf(cells, "info(pinguinos)", "text/html"))).toContain("<table");
    expect(String(dataOf(cells, "info(pinguinos)", "text/plain"))).toContain("faltantes");
    const summary = String(dataOf(cells, "describe(pinguinos)", "text/plain"));
    for (const statistic of ["count", "mean", "std", "25%", "max", "unique", "top", "freq"]) expect(summary).toContain(statistic);
  });

  it("counts the species", () => {
    const counts = String(dataOf(cells, "valueCounts(", "text/plain"));
    expect(counts).toMatch(/Adelie\s+152/);
    expect(counts).toMatch(/Gentoo\s+124/);
    expect(counts).toMatch(/Chinstrap\s+68/);
  });

  it("draws every chart as Vega-Lite 5 and as a PNG", () => {
    for (const fragment of ["plot.histogram(", "plot.box(", "plot.scatter(", "corrHeatmapSpec(", "plot.confusionMatrix("]) {
      const spec = dataOf(cells, fragment, vegaLite) as { $schema?: string } | undefined;
      expect(spec?.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      const png = Buffer.from(String(dataOf(cells, fragment, "image/png")), "base64");
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
  });

  it("titles the charts in Spanish", () => {
    expect(String(dataOf(cells, "plot.histogram(", "text/plain"))).toContain("Histograma");
    expect(String(dataOf(cells, "plot.confusionMatrix(", "text/plain"))).toContain("Matriz de confusión");
  });

  it("trains the small model to a held-out accuracy above 0.9", () => {
    const printed = outputsOf(cells, "modelo.evaluate(").map((output) => joined(output.text)).join("");
    const accuracy = Number(/exactitud: ([\d.]+)/.exec(printed)?.[1]);
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it("shows fit's chart once and its History as one line", () => {
    const fitOutputs = outputsOf(cells, "await modelo.fit(");
    expect(fitOutputs.filter((output) => output.data?.[vegaLite] !== undefined)).toHaveLength(1);
    const chart = fitOutputs.find((output) => output.data?.[vegaLite] !== undefined);
    // The cell adds the PNG to the final chart once fit() has returned.
    expect(Buffer.from(String(chart?.data?.["image/png"]), "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
    const value = fitOutputs.find((output) => output.output_type === "execute_result");
    expect(Object.keys(value?.data ?? {})).toEqual(["text/plain"]);
  });
});

describe("tskeras run notebooks/en/02-exploratory-analysis.ipynb", () => {
  it("runs every cell without errors, titled in English", () => {
    const notebook = copyNotebook("notebooks/en/02-exploratory-analysis.ipynb", "en-run");
    const output = join(folder, "en-run", "output.ipynb");
    execFileSync(process.execPath, [CLI, "run", notebook, "--output", output], { env: { ...process.env, TSKERAS_LANG: "" }, encoding: "utf8" });
    const cells = codeCells(output);
    expect(cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.output_type === "error")).toEqual([]);
    expect(String(dataOf(cells, "plot.histogram(", "text/plain"))).toContain("Histogram");
  }, 300_000);
});

describe.each([
  ["notebooks/en/02-exploratory-analysis.ipynb", "en", "penguins.csv", "Scatter"],
  ["notebooks/es/02-analisis-exploratorio.ipynb", "es", "pinguinos.csv", "dispersión"],
])("Python's nbclient running %s", (path, language, csv, scatterTitle) => {
  it("executes every cell without errors through the installed kernelspec", () => {
    const notebook = copyNotebook(path, `nbclient-${language}`);
    const env = { ...process.env, JUPYTER_DATA_DIR: join(folder, "jupyter-data"), TSKERAS_LANG: language };
    execFileSync(process.execPath, [CLI, "install", "--user"], { env, encoding: "utf8" });

    const executed = join(folder, `nbclient-${language}`, "executed.ipynb");
    const run = spawnSync(PYTHON, [join(ROOT, "test/python/run_notebook.py"), notebook, executed], {
      cwd: join(folder, `nbclient-${language}`),
      env,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(run.stderr.split("\n").filter((line) => /failed|error outputs/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/executed \d+ code cells without errors/);
    expect(existsSync(join(folder, `nbclient-${language}`, csv))).toBe(true);
    expect(String(dataOf(codeCells(executed), "plot.scatter(", "text/plain"))).toContain(scatterTitle);
  }, 320_000);
});
