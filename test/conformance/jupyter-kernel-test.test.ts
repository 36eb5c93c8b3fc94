import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Runs jupyter_kernel_test, the Jupyter project's conformance suite for kernels, against the
// installed kernelspec. `npm test` creates .venv/ with it and builds dist/ first.

const ROOT = resolve(__dirname, "..", "..");
const PYTHON = join(ROOT, ".venv", "bin", "python");

describe("jupyter_kernel_test conformance suite", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tskeras-conformance-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("passes every test with no test skipped", () => {
    const env = { ...process.env, JUPYTER_DATA_DIR: dataDir, TSKERAS_LANG: "en" };
    execFileSync(process.execPath, [join(ROOT, "dist", "cli", "index.js"), "install", "--user"], { env });

    const run = spawnSync(PYTHON, ["-m", "unittest", "-v", "test_conformance"], {
      cwd: join(ROOT, "test", "python"),
      env,
      encoding: "utf8",
      timeout: 240_000,
    });
    const report = run.stderr;
    expect(report).toMatch(/^Ran \d+ tests/m);
    expect(report.split("\n").filter((line) => / \.\.\. (FAIL|ERROR|skipped)/.test(line))).toEqual([]);
    expect(report).toMatch(/^OK$/m);
    expect(run.status).toBe(0);
  }, 250_000);
});
