import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KERNEL_ENVIRONMENT } from "../../src/kernel/environment";
import type { KernelClient } from "../../src/notebook/client";
import { ofType, resultText, startKernel, stopKernel, streamText } from "./fixture";

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("kernel"));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

describe("kernel over ZeroMQ", () => {
  it("describes itself as a TypeScript kernel and names its backend", async () => {
    // A cell waits for the executor, so its backend is known when kernel_info is asked again.
    await client.execute("0");
    const { reply } = await client.kernelInfo();
    expect(reply.protocol_version).toBe("5.4");
    expect(reply.language_info).toMatchObject({ name: "typescript", file_extension: ".ts", mimetype: "text/typescript" });
    expect(reply.banner).toMatch(/backend: (wasm|tensorflow|cpu)/);
    // TSKERAS_BACKEND names the backend this suite is meant to run on, e.g. tensorflow once tfjs-node is installed.
    const requested = process.env.TSKERAS_BACKEND;
    if (requested) expect(reply.banner).toContain(`(backend: ${requested})`);
  });

  it("sets malloc variables for both processes", async () => {
    const kernelEnvironment = readFileSync(`/proc/${client.pid}/environ`, "utf8").split("\0");
    for (const [name, value] of Object.entries(KERNEL_ENVIRONMENT)) {
      expect(kernelEnvironment).toContain(`${name}=${value}`);
      expect(resultText(await client.execute(`process.env.${name}`))).toBe(`'${value}'`);
    }
  });

  it("keeps a variable from one cell to the next", async () => {
    await client.execute("const lr: number = 0.01;");
    const result = await client.execute("lr * 2");
    expect(result.reply).toMatchObject({ status: "ok" });
    expect(resultText(result)).toBe("0.02");
  });

  it("echoes the code and counts executions", async () => {
    const result = await client.execute("1 + 1");
    const input = ofType(result, "execute_input")[0];
    expect(input.content.code).toBe("1 + 1");
    expect(input.content.execution_count).toBe(result.reply.execution_count);
    expect(ofType(result, "execute_result")[0].content.execution_count).toBe(result.reply.execution_count);
  });

  it("awaits at top level and shows the awaited value", async () => {
    await client.execute("const rows = await Promise.resolve([1, 2, 3]);\nasync function count() { return rows.length; }");
    expect(resultText(await client.execute("await count()"))).toBe("3");
  });

  it("sends console.log and console.error as stream output", async () => {
    const result = await client.execute('console.log("hola", 1);\nconsole.error("cuidado");');
    expect(ofType(result, "stream").map((m) => m.content)).toEqual([
      { name: "stdout", text: "hola 1\n" },
      { name: "stderr", text: "cuidado\n" },
    ]);
  });

  it("shows a display() call on the last line once, without its handle", async () => {
    const result = await client.execute('display.html("<b>negrita</b>")');
    expect(ofType(result, "display_data").map((message) => (message.content.data as Record<string, string>)["text/html"])).toEqual(["<b>negrita</b>"]);
    expect(ofType(result, "execute_result")).toHaveLength(0);
    const kept = await client.execute('const handle = display.markdown("*uno*");\nhandle.id.length > 0');
    expect(resultText(kept)).toBe("true");
  });

  it("reports a thrown error with its TypeScript line", async () => {
    const result = await client.execute('const x: number = 1;\n\nthrow new RangeError("demasiado grande");');
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError", evalue: "demasiado grande" });
    const error = ofType(result, "error")[0].content;
    const traceback = (error.traceback as string[]).join("\n");
    expect(traceback).toMatch(/line 3, column 7/);
    expect(traceback).toContain('throw new RangeError("demasiado grande");');
    expect(traceback).not.toMatch(/node:internal|executor\.js/);
  });

  it("leaves TypeScript's helpers out of a traceback", async () => {
    // `using` and decorators run through helpers that TypeScript emits above the cell's own code.
    const cells = [
      'class Closing { [Symbol.dispose]() { throw new Error("al cerrar"); } }\n{\n  using recurso = new Closing();\n  console.log("dentro");\n}',
      'function failing(value: unknown, context: ClassDecoratorContext) { throw new Error("al decorar"); }\n@failing\nclass Decorated {}',
    ];
    for (const code of cells) {
      const result = await client.execute(code);
      expect(result.reply.status).toBe("error");
      const traceback = (ofType(result, "error")[0].content.traceback as string[]).join("\n");
      const lines = [...traceback.matchAll(/line (\d+), column/g)].map((match) => Number(match[1]));
      expect(lines.length).toBeGreaterThan(0);
      expect({ code, lines: lines.filter((line) => line > code.split("\n").length) }).toEqual({ code, lines: [] });
      expect(traceback).not.toMatch(/__disposeResources|__esDecorate|__runInitializers/);
    }
  });

  it("shows the cell line of an error inside TensorFlow.js", async () => {
    // TensorFlow.js checks shapes several calls deep, below V8's default of 10 frames per stack. The
    // message differs between backends: tfjs-node reports its native library's status.
    const code = "const pair = tf.ones([2]);\nconst triple = tf.ones([3]);\nconst stacked = tf.stack([pair, triple]);";
    const result = await client.execute(code);
    expect(result.reply.status).toBe("error");
    const traceback = (ofType(result, "error")[0].content.traceback as string[]).join("\n");
    expect(traceback).toMatch(/line 3, column \d+/);
    expect(traceback).toContain("tf.stack([pair, triple])");
  });

  it("shows the cell that awaited a failing function", async () => {
    expect((await client.execute('async function loadLater(n: number) {\n  await null;\n  throw new Error("late " + n);\n}')).reply.status).toBe("ok");
    const result = await client.execute("const attempt = 1;\nawait loadLater(3);");
    expect(result.reply).toMatchObject({ status: "error", evalue: "late 3" });
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toMatch(/at loadLater \(cell\[\d+\], line 3, column \d+\)/);
    expect(traceback).toMatch(/cell\[\d+\], line 2, column \d+/);
  });

  it("rejects a declare of a global the kernel has", async () => {
    const cells: [string, string][] = [
      ["declare const process: number;", "process"],
      ["declare const tf: number;", "tf"],
      ["namespace Dense { export type Units = number; }", "Dense"],
    ];
    for (const [code, name] of cells) {
      const result = await client.execute(code);
      expect({ code, reply: result.reply }).toMatchObject({ code, reply: { status: "error", ename: "NameError" } });
      expect(String(result.reply.evalue)).toContain(`\`${name}\` is already a global of the kernel`);
    }
    expect(resultText(await client.execute("tf.tensor([1, 2]).shape"))).toBe("[ 2 ]");
    expect(resultText(await client.execute("declare const injectedElsewhere: number;\nnamespace Own { export type Units = number; }\n1"))).toBe("1");
  });

  it("pages help of a name and rejects an unknown one", async () => {
    const paged = await client.execute("help(Dense)");
    expect(paged.reply.status).toBe("ok");
    const page = (paged.reply.payload as { source: string; data: Record<string, string> }[])[0];
    expect(page.source).toBe("page");
    expect(page.data["text/plain"]).toMatch(/^class Dense/);

    const unknown = await client.execute("help(notDefinedHere)");
    expect(unknown.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(unknown.reply.evalue)).toContain("TS2304");
  });

  it("carries only what a cell assigned before it threw", async () => {
    const cell = "const kept = 1;\nthrow new Error('boom');\nconst lost = 'x';\nfunction hoisted() { return 2; }\nclass Late {}\ninterface Shape { r: number }";
    expect((await client.execute(cell)).reply).toMatchObject({ status: "error", ename: "Error", evalue: "boom" });
    expect(resultText(await client.execute("kept + hoisted()"))).toBe("3");
    expect(resultText(await client.execute("const shape: Shape = { r: 1 };\nshape.r"))).toBe("1");
    for (const unassigned of ["lost", "new Late()"]) {
      const result = await client.execute(unassigned);
      expect(result.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
      expect(String(result.reply.evalue)).toContain("TS2304");
    }

    // A name that an earlier cell assigned keeps that value and type.
    await client.execute("const prior = 1;");
    await client.execute("function fail(): number { throw new Error('inner'); }\nconst prior: string = String(fail());");
    expect(resultText(await client.execute("const priorNumber: number = prior;\npriorNumber"))).toBe("1");
  });

  it("shows a thrown value that is not an Error as it prints", async () => {
    const result = await client.execute('throw { code: 42, reason: "full" };');
    expect(result.reply).toMatchObject({ status: "error", ename: "Uncaught", evalue: "{ code: 42, reason: 'full' }" });
  });

  it("rejects top-level names of built-in globals", async () => {
    const cells: [string, string, number][] = [
      ['const note = "a";\nconst process = "step 1";', "process", 2],
      ['import { setTimeout } from "node:timers/promises";', "setTimeout", 1],
      ["function clearTimeout() {}", "clearTimeout", 1],
      ["const { Error } = { Error: 1 };", "Error", 1],
    ];
    for (const [code, name, line] of cells) {
      const result = await client.execute(code);
      expect({ code, reply: result.reply }).toMatchObject({ code, reply: { status: "error", ename: "NameError" } });
      expect(String(result.reply.evalue)).toContain(`\`${name}\` is a built-in global`);
      expect(String(result.reply.evalue)).toContain(`Line ${line}, column`);
    }

    // Nothing ran, and the built-ins still work for the kernel and for later cells.
    expect(resultText(await client.execute('"note" in globalThis'))).toBe("false");
    expect(resultText(await client.execute("typeof process.send"))).toBe("'function'");
    const timers = await client.execute('import { setTimeout as sleep } from "node:timers/promises";\nawait sleep(1, "slept")');
    expect(resultText(timers)).toBe("'slept'");
    const block = await client.execute('{\n  const process = "inside a block";\n  console.log(process);\n}');
    expect(ofType(block, "stream").map((message) => message.content.text).join("")).toBe("inside a block\n");
  });

  it("reports a syntax error before running anything", async () => {
    const result = await client.execute("globalThis.ranBeforeSyntaxError = true;\nconst a = (;");
    expect(result.reply).toMatchObject({ status: "error", ename: "SyntaxError" });
    expect(String(result.reply.evalue)).toMatch(/line 2, column 12/);
    expect(resultText(await client.execute('"ranBeforeSyntaxError" in globalThis'))).toBe("false");
  });

  it("imports the Keras names from tskeras and Node built-ins", async () => {
    const result = await client.execute('import { Sequential } from "tskeras";\nimport * as path from "node:path";\n[typeof Sequential, path.basename("/a/b.ts")]');
    expect(resultText(result)).toBe("[ 'function', 'b.ts' ]");
  });

  /** Runs a cell, sends interrupt_request 300 ms later, and returns the cell's reply. */
  async function interruptAfterStart(code: string) {
    const running = client.execute(code);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.interrupt();
    return (await running).reply;
  }

  it("interrupts a synchronous loop and keeps the variables", async () => {
    await client.execute("let seen = 0;");
    expect(await interruptAfterStart("while (true) { seen++; }")).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(resultText(await client.execute("seen > 0"))).toBe("true");
  });

  it("interrupts an earlier cell's function", async () => {
    await client.execute("let turns = 0;\nfunction spin() { while (true) { turns++; } }");
    expect(await interruptAfterStart("spin()")).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(resultText(await client.execute("turns > 0"))).toBe("true");
  });

  it("interrupts an endless spread", async () => {
    // Each value takes a busy wait, so the array stays small until the interrupt.
    await client.execute("function* slowly() { while (true) { for (let i = 0; i < 100_000; i++) {} yield 0; } }");
    expect(await interruptAfterStart("const all = [...slowly()];")).toMatchObject({ status: "error", ename: "InterruptedError" });
  });

  it("interrupts by SIGINT to the process group, as Jupyter's default does", async () => {
    await client.execute("let counted = 0;");
    const loop = client.execute("while (true) { counted++; }");
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.signalInterrupt();
    expect((await loop).reply).toMatchObject({ status: "error", ename: "InterruptedError" });

    const waiting = client.execute("await new Promise((resolve) => setTimeout(resolve, 60_000));");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    client.signalInterrupt();
    expect((await waiting).reply).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(resultText(await client.execute("counted > 0"))).toBe("true");
  });

  it("interrupts an awaited promise within a second and keeps the variables", async () => {
    await client.execute("let waited = 1;");
    const waiting = client.execute("await new Promise((resolve) => setTimeout(resolve, 60_000));\nwaited = 2;");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await client.interrupt();
    const result = await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.reply).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(resultText(await client.execute("waited"))).toBe("1");
  });

  it("interrupts a fit between batches, and the model stays usable", async () => {
    await client.execute(
      'const slow = new Sequential([new Dense(8, { inputShape: [4], activation: "relu" }), new Dense(1)]);\nslow.compile({ optimizer: "adam", loss: "mse" });\nconst xs = tf.randomNormal([256, 4]);\nconst ys = tf.randomNormal([256, 1]);',
    );
    const training = client.execute("await slow.fit(xs, ys, { epochs: 100000, batchSize: 8, verbose: 0 });\nconsole.log('after fit');");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await client.interrupt();
    const result = await training;
    expect(result.reply).toMatchObject({ status: "error", ename: "InterruptedError" });
    const evaluated = await client.execute("typeof (await slow.evaluate(xs, ys))");
    expect(resultText(evaluated)).toBe("'number'");
    expect(streamText(evaluated)).not.toContain("after fit");
  });

  it("reports an error thrown by a timer under the cell that set it", async () => {
    const { msgId, frames } = client.encode("execute_request", {
      code: 'setTimeout(() => { throw new RangeError("tarde"); }, 200);\n"ok"',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const late = client.collectIopub(msgId, 1500);
    await client.sendRawShell(frames);
    const messages = await late;
    const errors = messages.filter((message) => message.header.msg_type === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].content).toMatchObject({ ename: "RangeError", evalue: "tarde" });
    expect(resultText(await client.execute('"still alive"'))).toBe("'still alive'");
  });

  it("reports a promise rejection that nobody awaited", async () => {
    const result = await client.execute('Promise.reject(new TypeError("sin await"));\nawait new Promise((resolve) => setTimeout(resolve, 100));\n"done"');
    expect(result.reply.status).toBe("ok");
    const errors = ofType(result, "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].content).toMatchObject({ ename: "TypeError", evalue: "sin await" });
  });

  it("sends output that comes after its cell ended under that cell", async () => {
    const { msgId, frames } = client.encode("execute_request", {
      code: 'setTimeout(() => console.log("tarde, celda 1"), 500);\n"ok"',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const first = client.collectIopub(msgId, 1500);
    await client.sendRawShell(frames);
    const second = await client.execute('console.log("celda 2")');
    expect(streamText(second)).toBe("celda 2\n");
    const lateLines = (await first).filter((message) => message.header.msg_type === "stream").map((message) => message.content.text);
    expect(lateLines).toEqual(["tarde, celda 1\n"]);
  });

  it("bounds a cell that prints 200,000 lines and stays responsive", async () => {
    // A first cell loads TypeScript and the type checker, which takes memory of its own.
    await client.execute("0");
    const kernelMemoryBefore = residentMiB(client.pid!);
    const result = await client.execute('for (let i = 0; i < 200_000; i++) console.log("época", i);');
    // Only the kept lines reach the kernel process, so its memory hardly moves.
    expect(residentMiB(client.pid!) - kernelMemoryBefore).toBeLessThan(50);
    expect(result.reply.status).toBe("ok");
    const streams = ofType(result, "stream");
    expect(streams.length).toBeLessThanOrEqual(3);
    const text = streamText(result);
    expect(text).toContain("época 0\n");
    expect(text).toContain("lines omitted");
    expect(text).toContain("época 199999\n");
    expect(text.length).toBeLessThan(100_000);
    expect(resultText(await client.execute("1 + 1"))).toBe("2");
  });

  it("joins a UTF-8 character written in two parts", async () => {
    const result = await client.execute("process.stdout.write(Buffer.from([0x61, 0xc3]));\nprocess.stdout.write(Buffer.from([0xb1, 0x6f, 0x0a]));");
    expect(streamText(result)).toBe("año\n");
  });

  it("stays connected after malformed frames over ZeroMQ", async () => {
    const { frames } = client.encode("execute_request", { code: "1" });
    const malformed: Buffer[][] = [
      [Buffer.from("no delimiter")],
      [Buffer.from("<IDS|MSG>")],
      frames.slice(0, 4),
      [...frames.slice(0, -1), Buffer.from("{not json")],
      [...frames.slice(0, 2), Buffer.alloc(64, 0x61), ...frames.slice(3)],
      [Buffer.alloc(2_000_000, 0x7b)],
    ];
    for (let i = 0; i < 50; i++) for (const message of malformed) await client.sendRawShell(message);
    expect(resultText(await client.execute('"still here"'))).toBe("'still here'");
  });

  it("reports an executor that exited, then starts a fresh one", async () => {
    await client.execute("const kept = 1;");
    const exited = await client.execute("process.exit(3);");
    expect(exited.reply).toMatchObject({ status: "error", ename: "ExecutorDied" });
    expect(String(exited.reply.evalue)).toContain("exit code 3");
    expect(String(exited.reply.evalue)).toContain("variables were lost");
    expect(resultText(await client.execute('"kept" in globalThis'))).toBe("false");
    // The type checker drops the lost declarations too, so the name is reported before anything runs.
    expect((await client.execute("kept")).reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(resultText(await client.execute("6 * 7"))).toBe("42");
  });

  it("asks the front end for input on stdin", async () => {
    const prompts: [string, boolean][] = [];
    const result = await client.execute('const nombre = await input("Nombre: ");\nconst clave = await input("Clave: ", { password: true });\n`${nombre}:${clave.length}`', {
      onInput: (prompt, password) => {
        prompts.push([prompt, password]);
        return password ? "secreta" : "Ada";
      },
    });
    expect(prompts).toEqual([
      ["Nombre: ", false],
      ["Clave: ", true],
    ]);
    expect(resultText(result)).toBe("'Ada:7'");
  });

  it("explains that input is not possible when the request does not allow stdin", async () => {
    const result = await client.execute('await input("Nombre: ")');
    expect(result.reply).toMatchObject({ status: "error" });
    expect(String(result.reply.evalue)).toContain("This front end does not accept input");
  });

  it("answers kernel_info on the control channel while a cell runs", async () => {
    // The first cell of a kernel waits for the type checker to warm up, which blocks for about a second.
    await client.execute("0");
    const running = client.execute("await new Promise((resolve) => setTimeout(resolve, 1500));");
    const started = Date.now();
    const { reply } = await client.requestControl("kernel_info_request", {});
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reply).toMatchObject({ status: "ok", protocol_version: "5.4" });
    expect((await running).reply.status).toBe("ok");
  });

  it("runs a silent request without echo, result or count", async () => {
    const before = await client.execute("0");
    const silent = await client.execute("(globalThis as any).silentRan = true;\n42", { silent: true });
    // Busy and idle still frame the request, as in ipykernel; nothing else is published.
    expect(silent.iopub.map((message) => message.header.msg_type)).toEqual(["status"]);
    const after = await client.execute('"silentRan" in globalThis');
    expect(resultText(after)).toBe("true");
    expect(after.reply.execution_count).toBe(Number(before.reply.execution_count) + 1);
  });

  it("does not store a cell run with store_history false", async () => {
    const before = await client.execute("0");
    await client.execute("1", { storeHistory: false });
    const after = await client.execute("0");
    expect(after.reply.execution_count).toBe(Number(before.reply.execution_count) + 1);
  });

  it("aborts the requests queued behind a cell that failed", async () => {
    const failing = client.execute('await new Promise((resolve) => setTimeout(resolve, 300));\nthrow new Error("first fails");');
    const queued = client.execute('(globalThis as any).queuedRan = true;');
    expect((await failing).reply).toMatchObject({ status: "error", evalue: "first fails" });
    expect((await queued).reply.status).toBe("aborted");
    expect(resultText(await client.execute('"queuedRan" in globalThis'))).toBe("false");
  });

  it("runs a replayed message only once", async () => {
    const { msgId, frames } = client.encode("execute_request", {
      code: "(globalThis as any).replays = ((globalThis as any).replays ?? 0) + 1;",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const first = client.waitForIdle(msgId, 5000);
    await client.sendRawShell(frames);
    await first;
    await client.sendRawShell(frames.map((frame) => Buffer.from(frame)));
    expect(resultText(await client.execute("(globalThis as any).replays"))).toBe("1");
  });

  it("listens only on the connection file's address", () => {
    const ports = [client.connection.shell_port, client.connection.control_port, client.connection.stdin_port, client.connection.iopub_port, client.connection.hb_port];
    // /proc/net/tcp lists each listening socket's address as hex; 0100007F is 127.0.0.1.
    const listening = readFileSync("/proc/net/tcp", "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === "0A")
      .map((fields) => fields[1].split(":"))
      .filter(([, port]) => ports.includes(parseInt(port, 16)));
    expect(listening.map(([, port]) => parseInt(port, 16)).sort()).toEqual([...ports].sort());
    expect(listening.every(([address]) => address === "0100007F")).toBe(true);
  });

  it("never executes a message whose signature does not match", async () => {
    const { msgId, frames } = client.encode("execute_request", { code: "globalThis.tampered = true", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    frames[frames.length - 1] = Buffer.from(JSON.stringify({ code: "globalThis.tampered = 'yes'", silent: false }));
    await client.sendRawShell(frames);
    await expect(client.waitForIdle(msgId, 1500)).rejects.toThrow(/timed out/);
    expect(resultText(await client.execute('"tampered" in globalThis'))).toBe("false");
  });

  it("ignores a message signed with another key", async () => {
    const target = join(folder, "written-by-forged-message.txt");
    const code = `require("node:fs").writeFileSync(${JSON.stringify(target)}, "forged");`;
    const execute = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    const { msgId, frames } = client.encode("execute_request", execute, "not the kernel's key");
    await client.sendRawShell(frames);
    await expect(client.waitForIdle(msgId, 1500)).rejects.toThrow(/timed out/);
    expect(existsSync(target)).toBe(false);
  });
});

/** Resident memory of a process in MiB, from /proc (Linux). */
function residentMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

describe("executor failures", () => {
  it("restarts after out of memory and abort", async () => {
    const limited = await startKernel("heap", () => undefined, { TSKERAS_EXECUTOR_HEAP_MB: "128" });
    try {
      const exhausted = await limited.client.execute("const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1_000_000).fill(1));");
      expect(exhausted.reply).toMatchObject({ status: "error", ename: "ExecutorDied" });
      expect(String(exhausted.reply.evalue)).toContain("variables were lost");
      expect(resultText(await limited.client.execute("21 * 2"))).toBe("42");

      const aborted = await limited.client.execute("process.abort();");
      expect(aborted.reply).toMatchObject({ status: "error", ename: "ExecutorDied" });
      expect(String(aborted.reply.evalue)).toContain("SIGABRT");
      expect(resultText(await limited.client.execute('"back"'))).toBe("'back'");
    } finally {
      await stopKernel(limited);
    }
  }, 120_000);
});

describe("shutdown with restart", () => {
  it("replies with restart true and ends the kernel process", async () => {
    const restarting = await startKernel("restart");
    try {
      const { reply } = await restarting.client.requestControl("shutdown_request", { restart: true });
      expect(reply).toEqual({ status: "ok", restart: true });
      expect(await restarting.client.exited()).toBe(0);
    } finally {
      await stopKernel(restarting);
    }
  });
});
