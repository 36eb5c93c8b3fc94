import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { KERNEL_ENVIRONMENT } from "../../src/kernel/environment";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "index.js");

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-install-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("tskeras install", () => {
  it("writes kernel.json with absolute paths, signal interrupts and the logos", () => {
    const printed = execFileSync(process.execPath, [CLI, "install", "--prefix", folder, "--lang", "es"], {
      encoding: "utf8",
      env: { ...process.env, TSKERAS_LANG: "en" },
    });
    const kernelDir = join(folder, "share", "jupyter", "kernels", "tskeras");
    expect(printed).toContain(kernelDir);

    const spec = JSON.parse(readFileSync(join(kernelDir, "kernel.json"), "utf8"));
    expect(spec.argv).toEqual([process.execPath, CLI, "kernel", "--connection-file", "{connection_file}"]);
    expect(spec).toMatchObject({ display_name: "TypeScript (tskeras)", language: "typescript", interrupt_mode: "signal" });
    expect(spec.env).toEqual({ ...KERNEL_ENVIRONMENT, TSKERAS_LANG: "es" });
    expect(existsSync(join(kernelDir, "logo-64x64.png"))).toBe(true);
    expect(existsSync(join(kernelDir, "logo-32x32.png"))).toBe(true);
  });

  it("sets the typecheck mode in the kernel's environment", () => {
    execFileSync(process.execPath, [CLI, "install", "--prefix", folder, "--typecheck", "warn"], { encoding: "utf8" });
    const spec = JSON.parse(readFileSync(join(folder, "share", "jupyter", "kernels", "tskeras", "kernel.json"), "utf8"));
    expect(spec.env).toEqual({ ...KERNEL_ENVIRONMENT, TSKERAS_TYPECHECK: "warn" });

    const run = spawnSync(process.execPath, [CLI, "install", "--prefix", folder, "--typecheck", "strict"], {
      encoding: "utf8",
      env: { ...process.env, TSKERAS_LANG: "en" },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Invalid value "strict" for --typecheck; use error, warn or off.');
  });

  it("rejects unknown options and options without a value", () => {
    const cases: [string[], string][] = [
      [["install", "--prefix", "--lang", "es"], "The option --prefix needs a value"],
      [["install", "--lang"], "The option --lang needs a value: es or en, as in --lang es."],
      [["install", "--typecheck"], "The option --typecheck needs a value: error, warn or off, as in --typecheck error."],
      [["install", "--usr"], "Unknown option --usr"],
      [["run", "x.ipynb", "--output"], "The option --output needs a value"],
    ];
    for (const [args, message] of cases) {
      const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "en", JUPYTER_DATA_DIR: folder } });
      expect(run.stderr).toContain(message);
      expect(run.status).toBe(2);
    }
    expect(existsSync(join(folder, "kernels"))).toBe(false);
  });

  it("prints its help on stdout with --help", () => {
    const run = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "es" } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("tskeras install");
    expect(run.stdout).toContain("Registra el kernel");
  });

  it("prints its help after a command too", () => {
    for (const command of ["run", "install", "kernel"]) {
      const run = spawnSync(process.execPath, [CLI, command, "--help"], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "en" } });
      expect({ command, status: run.status, stderr: run.stderr }).toEqual({ command, status: 0, stderr: "" });
      expect(run.stdout).toContain("tskeras run");
    }
  });

  it("installs for the user under JUPYTER_DATA_DIR", () => {
    execFileSync(process.execPath, [CLI, "install", "--user"], { env: { ...process.env, JUPYTER_DATA_DIR: folder } });
    expect(existsSync(join(folder, "kernels", "tskeras", "kernel.json"))).toBe(true);
  });

  it("rejects an unknown language and names the accepted ones", () => {
    const run = spawnSync(process.execPath, [CLI, "install", "--prefix", folder, "--lang", "fr"], {
      encoding: "utf8",
      env: { ...process.env, TSKERAS_LANG: "en" },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Invalid value "fr" for --lang; use es or en.');

    const spanish = spawnSync(process.execPath, [CLI, "install", "--prefix", folder, "--lang", "fr"], {
      encoding: "utf8",
      env: { ...process.env, TSKERAS_LANG: "es" },
    });
    expect(spanish.stderr).toContain('Valor "fr" no válido para --lang; usa es o en.');
  });
});

describe("tskeras run", () => {
  it("exits non-zero naming the failing cell and still writes the notebook", () => {
    const notebook = join(folder, "falla.ipynb");
    const cell = (source: string) => ({ cell_type: "code", id: source.length.toString(), metadata: {}, source, outputs: [], execution_count: null });
    writeFileSync(
      notebook,
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell("1 + 1"), cell('throw new Error("mal")'), cell("3")] }),
    );
    const run = spawnSync(process.execPath, [CLI, "run", notebook], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "en" }, timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Code cell 2 failed: Error: mal");
    expect(run.stdout).toContain("The next code cell was not run.");
    const written = JSON.parse(readFileSync(join(folder, "falla.executed.ipynb"), "utf8"));
    expect(written.cells[0].outputs[0].data["text/plain"]).toBe("2");
    expect(written.cells[1].outputs[0].output_type).toBe("error");
    expect(written.cells[2].outputs).toEqual([]);
  });

  it("names a file that is not a notebook", () => {
    const notes = join(folder, "notas.md");
    writeFileSync(notes, "# not json\n");
    const run = spawnSync(process.execPath, [CLI, "run", notes], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "en" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Cannot read ${notes} as a Jupyter notebook (.ipynb):`);
  });

  it("names a notebook that does not exist", () => {
    const run = spawnSync(process.execPath, [CLI, "run", join(folder, "nada.ipynb")], { encoding: "utf8", env: { ...process.env, TSKERAS_LANG: "en" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Notebook not found");
  });
});
