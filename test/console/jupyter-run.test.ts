import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Trains a model through `jupyter run`, jupyter_client's console client. Like jupyter console, it
// prints each display's first text/plain and each stream, and ignores update_display_data. `npm test`
// creates .venv/ with jupyter_client and builds dist/ first.

const ROOT = resolve(__dirname, "..", "..");
const JUPYTER = join(ROOT, ".venv", "bin", "jupyter");

const script = `
const { xTrain, yTrain } = datasets.iris({ testSize: 0.2, seed: 42 });
const model = new Sequential();
model.add(new Dense({ units: 8, activation: "relu", inputShape: [4] }));
model.add(new Dense({ units: 3, activation: "softmax" }));
model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
await model.fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 8, batchSize: 4, validationSplit: 0.1 });
`;

describe("fit() in jupyter run", () => {
  let folder: string;
  let printed: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "tskeras-console-"));
    const env = { ...process.env, JUPYTER_DATA_DIR: join(folder, "data"), TSKERAS_LANG: "en" };
    execFileSync(process.execPath, [join(ROOT, "dist", "cli", "index.js"), "install", "--user"], { env });
    writeFileSync(join(folder, "fit.ts"), script);

    const run = spawnSync(JUPYTER, ["run", "--kernel", "tskeras", join(folder, "fit.ts")], { env, encoding: "utf8", timeout: 120_000 });
    if (run.status !== 0) throw new Error(`jupyter run exited with ${run.status}: ${run.stderr}`);
    printed = run.stdout;
  }, 130_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("prints one line per epoch, in order, then the history", () => {
    const lines = printed.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(9);
    lines.slice(0, 8).forEach((line, index) => {
      expect(line).toMatch(new RegExp(`^Epoch ${index + 1}/8 - [\\d.]+s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}$`));
    });
    // The value of the cell's last expression, the History that fit() returns.
    expect(lines[8]).toMatch(/^Training history: 8 epochs\. Last epoch: loss: /);
  });

  it("prints no line per batch and no bar", () => {
    // 108 training samples in batches of 4: 27 batches an epoch, and not one of them printed.
    expect(printed.match(/Epoch /g)).toHaveLength(8);
    expect(printed).not.toMatch(/\[=*>?\.*\]|%/);
  });
});
