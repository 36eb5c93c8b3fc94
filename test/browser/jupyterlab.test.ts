import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { jupyterFolders, startJupyterLab, type JupyterLab } from "./jupyterlab-server";

// Opens the Spanish tutorial in JupyterLab 4 in a headless chromium, runs all its cells, and checks
// the outputs a learner would see. `npm test` builds dist/ and creates .venv/ with JupyterLab first,
// and .ci/run installs Debian's chromium. Screenshots of the executed notebook go to
// artifacts/screenshots/.

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");
const JUPYTER = join(ROOT, ".venv", "bin", "jupyter");
const CHROMIUM = "/usr/bin/chromium";
const NOTEBOOK = "01-modelo-secuencial.ipynb";
const SCREENSHOTS = join(ROOT, "artifacts", "screenshots");

const EPOCHS = 50;
const SERIES = 4;

// Outside CI a machine without chromium skips this file. In CI (CI=true) a missing chromium fails it.
const runs = existsSync(CHROMIUM) || process.env.CI === "true";
const skipReason = `${CHROMIUM} not found: install Debian's chromium package to run the browser test (CI=true fails instead of skipping)`;
if (!runs) console.warn(`test/browser/jupyterlab.test.ts skipped: ${skipReason}`);

/** Samples of the training cell taken every 50 ms in the page while the notebook runs. */
interface Sample {
  /** Points drawn in the training chart. */
  points: number;
  /** The progress bar's value attribute, from "0.0000" to "1.0000", or null before it shows. */
  bar: string | null;
}

// Runs in the page: records the training cell's chart points and bar value every 50 ms, so states
// that last less than a polling round trip from Node are still seen.
const startSampling = `(() => {
  window.tskerasSamples = [];
  setInterval(() => {
    const cell = [...document.querySelectorAll(".jp-CodeCell")].find((c) => c.textContent.includes("modelo.fit("));
    if (!cell) return;
    const points = cell.querySelectorAll(".vega-embed svg.marks .mark-symbol.role-mark path").length;
    const progress = cell.querySelector(".tskeras-progress progress");
    window.tskerasSamples.push({ points, bar: progress ? progress.getAttribute("value") : null });
  }, 50);
})()`;

// True once every code cell shows an execution count and the kernel is idle, or once a dialog is open.
const allCellsRanOrDialog = `(() => {
  if (document.querySelector(".jp-Dialog")) return true;
  const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent.trim());
  const status = document.querySelector(".jp-Notebook-ExecutionIndicator")?.dataset.status;
  return prompts.length > 0 && prompts.every((p) => /^\\[\\d+\\]:$/.test(p)) && status === "idle";
})()`;

// True once the notebook's kernel is tskeras and idle, or once a dialog is open.
const kernelIdleOrDialog = `(() => {
  if (document.querySelector(".jp-Dialog")) return true;
  const status = document.querySelector(".jp-Notebook-ExecutionIndicator")?.dataset.status;
  const kernel = document.querySelector(".jp-NotebookPanel .jp-KernelName jp-button")?.getAttribute("aria-label");
  return status === "idle" && kernel === "TypeScript (tskeras)";
})()`;

// Runs in the page: scrolls the notebook to its top and returns the window height that shows all of it.
const heightForWholeNotebook = `(() => {
  const scroller = document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer");
  scroller.scrollTop = 0;
  const cells = document.querySelectorAll(".jp-NotebookPanel .jp-Cell");
  return Math.ceil(cells[cells.length - 1].getBoundingClientRect().bottom) + 60;
})()`;

// True when the notebook is scrolled to its top and its last cell ends inside the window.
const wholeNotebookShown = `(() => {
  const scroller = document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer");
  const cells = document.querySelectorAll(".jp-NotebookPanel .jp-Cell");
  return scroller.scrollTop === 0 && cells[cells.length - 1].getBoundingClientRect().bottom <= window.innerHeight;
})()`;

const trainingCellElement = `[...document.querySelectorAll(".jp-CodeCell")].find((c) => c.textContent.includes("modelo.fit("))`;
const scrollTrainingCellToTop = `${trainingCellElement}.scrollIntoView({ block: "start" })`;

// True when the training cell starts at the top of the notebook's visible area.
const trainingCellAtTop = `(() => {
  const scroller = document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer");
  const top = ${trainingCellElement}.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  return Math.abs(top) < 20;
})()`;

(runs ? describe : describe.skip)(`JupyterLab running notebooks/es/${NOTEBOOK}${runs ? "" : ` (skipped: ${skipReason})`}`, () => {
  let folder: string;
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const outsideRequests: string[] = [];
  let samples: Sample[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found. .ci/run installs it with apt-get install chromium.`);

    folder = mkdtempSync(join(tmpdir(), "tskeras-browser-"));
    const rootDir = join(folder, "notebooks");
    mkdirSync(rootDir);
    copyFileSync(join(ROOT, "notebooks", "es", NOTEBOOK), join(rootDir, NOTEBOOK));

    // Installed as the notebook instructs learners, with Spanish messages. The kernel gets its language
    // from the kernelspec here, because JupyterLab does not pass the notebook's metadata to it.
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: "C.UTF-8" };
    delete env.TSKERAS_LANG;
    execFileSync(process.execPath, [CLI, "install", "--user", "--lang", "es"], { env: { ...env, ...jupyterFolders(folder) } });
    lab = await startJupyterLab({ jupyter: JUPYTER, rootDir, homeDir: folder, env });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      outsideRequests.push(url.href);
      return route.abort();
    });

    try {
      await runAllCells(lab);
      samples = (await page.evaluate("window.tskerasSamples")) as Sample[];
      await saveScreenshots();
    } catch (error) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "failure.png") }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n\njupyter lab output:\n${lab.log()}`);
    }
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  async function runAllCells(server: JupyterLab): Promise<void> {
    // The launcher lists the kernelspecs once JupyterLab has loaded them. Opening the notebook after
    // that lets JupyterLab find the kernel its metadata names.
    await page.goto(`${server.url}/lab?token=${server.token}`);
    await page.locator(".jp-LauncherCard", { hasText: "TypeScript (tskeras)" }).first().waitFor({ timeout: 180_000 });
    await page.locator(".jp-DirListing-item", { hasText: NOTEBOOK }).dblclick();
    await page.waitForFunction(kernelIdleOrDialog, null, { timeout: 180_000, polling: 250 });
    await failOnDialog();
    await page.evaluate(startSampling);

    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
    await page.waitForFunction(allCellsRanOrDialog, null, { timeout: 300_000, polling: 250 });
    await failOnDialog();
  }

  /** Throws with the dialog's text when JupyterLab shows one, such as "Select Kernel" or "Kernel Restarting". */
  async function failOnDialog(): Promise<void> {
    const dialog = page.locator(".jp-Dialog");
    if ((await dialog.count()) > 0) throw new Error(`JupyterLab showed a dialog: ${(await dialog.first().innerText()).replace(/\s+/g, " ")}`);
  }

  async function saveScreenshots(): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });

    // Hide the file browser, then make the window as tall as the notebook so one picture shows it all.
    // Cells outside the window have estimated heights, so the height is measured again once they show.
    await page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click();
    for (let attempt = 0; attempt < 5; attempt++) {
      const height = (await page.evaluate(heightForWholeNotebook)) as number;
      await page.setViewportSize({ width: 1280, height: Math.min(height, 15_000) });
      const fits = await page.waitForFunction(wholeNotebookShown, null, { timeout: 5_000, polling: 100 }).then(() => true, () => false);
      if (fits || height >= 15_000) break;
    }
    await page.screenshot({ path: join(SCREENSHOTS, "es-01-modelo-secuencial.png") });

    // JupyterLab lays the notebook out again after the window shrinks, which can reset its scrolling.
    await page.setViewportSize({ width: 1280, height: 900 });
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.evaluate(scrollTrainingCellToTop);
      const scrolled = await page.waitForFunction(trainingCellAtTop, null, { timeout: 5_000, polling: 100 }).then(() => true, () => false);
      if (scrolled) break;
    }
    await page.screenshot({ path: join(SCREENSHOTS, "es-01-modelo-secuencial-training.png") });
  }

  function trainingCell() {
    return page.locator(".jp-CodeCell", { hasText: "modelo.fit(" });
  }

  it("runs every code cell in order", async () => {
    const prompts = (await page.locator(".jp-CodeCell .jp-InputPrompt").allTextContents()).map((text) => text.trim());
    expect(prompts).toEqual(Array.from({ length: prompts.length }, (_, index) => `[${index + 1}]:`));
    expect(prompts).toHaveLength(10);
  });

  it("shows no error in any cell", async () => {
    // JupyterLab renders error outputs, as well as stderr, with this MIME type.
    const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allTextContents();
    expect(errors).toEqual([]);
  });

  it("renders the summary as an HTML table", async () => {
    const output = page.locator(".jp-CodeCell", { hasText: "modelo.summary()" }).locator('.jp-OutputArea-output[data-mime-type="text/html"]');
    expect(await output.locator("table").count()).toBe(1);
    const table = await output.locator("table").textContent();
    expect(table).toContain("Capa (tipo)");
    expect(table).toContain("dense (Dense)");
    expect(table).toContain("(None, 64)");
    expect(await output.textContent()).toMatch(/515/);
  });

  it("renders the training chart with Vega", async () => {
    const chart = trainingCell().locator(".vega-embed svg.marks");
    expect(await chart.count()).toBe(1);
    expect(await trainingCell().locator(".vega-embed svg.marks .mark-symbol.role-mark path").count()).toBe(EPOCHS * SERIES);
  });

  it("draws every epoch of every series", async () => {
    // Vega's SVG renderer labels each point for screen readers: "epoch: 1; value: 1.2042; series: loss".
    const labels = (await page.evaluate(`[...${trainingCellElement}.querySelectorAll(".vega-embed svg.marks .mark-symbol.role-mark path")].map((p) => p.getAttribute("aria-label"))`)) as string[];
    const epochsBySeries = new Map<string, number[]>();
    for (const label of labels) {
      const match = /^epoch: (\d+); value: [\d.e-]+; series: (\w+)$/.exec(label);
      expect(match).not.toBeNull();
      epochsBySeries.set(match![2], [...(epochsBySeries.get(match![2]) ?? []), Number(match![1])]);
    }
    expect([...epochsBySeries.keys()].sort()).toEqual(["accuracy", "loss", "val_accuracy", "val_loss"]);
    for (const epochs of epochsBySeries.values()) {
      expect(epochs.sort((a, b) => a - b)).toEqual(Array.from({ length: EPOCHS }, (_, index) => index + 1));
    }
  });

  it("adds points to the chart during fit", () => {
    const counts = [...new Set(samples.map((sample) => sample.points))];
    const during = counts.filter((count) => count > 0 && count < EPOCHS * SERIES);
    expect(during.length).toBeGreaterThan(0);
    // The count only grows, a multiple of the four series each time.
    const drawn = samples.map((sample) => sample.points).filter((count) => count > 0);
    for (let index = 1; index < drawn.length; index++) expect(drawn[index]).toBeGreaterThanOrEqual(drawn[index - 1]);
    for (const count of during) expect(count % SERIES).toBe(0);
  });

  it("moves the progress bar during fit and ends it at 100%", async () => {
    const values = samples.map((sample) => sample.bar).filter((value): value is string => value !== null);
    expect(values.some((value) => Number(value) > 0 && Number(value) < 1)).toBe(true);

    const bar = trainingCell().locator(".tskeras-progress");
    expect(await bar.locator("progress").getAttribute("value")).toBe("1.0000");
    expect(await bar.textContent()).toMatch(/Epoch 50\/50 - 100% - /);
  });

  it("prints one line per epoch under the chart", async () => {
    const printed = await trainingCell().locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]').allTextContents();
    const lines = printed.join("").split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(EPOCHS);
    lines.forEach((line, index) => expect(line).toMatch(new RegExp(`^Epoch ${index + 1}/${EPOCHS} - [\\d.]+s - loss: `)));
  });

  it("saves screenshots of the executed notebook", () => {
    expect(existsSync(join(SCREENSHOTS, "es-01-modelo-secuencial.png"))).toBe(true);
    expect(existsSync(join(SCREENSHOTS, "es-01-modelo-secuencial-training.png"))).toBe(true);
  });

  it("requests nothing outside 127.0.0.1", () => {
    expect(outsideRequests).toEqual([]);
  });
});
