// Measures the kernel's latency and memory as a Jupyter client sees them, over ZeroMQ:
// start-up to the first kernel_info_reply; the round trip (median and p95) of a trivial cell run
// again unchanged, of new trivial cells, of new cells with a type error, of complete and inspect
// requests, and of a fit() call with a type error. It also reports the resident memory of the kernel
// and executor processes after start, right after 200 cells and 15 s later at rest. Memory is given
// as Rss and as Pss from smaps_rollup, and for both processes together with each shared page counted once.
// Run after `npm run build`: node bench/latency.js [--runs 50]
const { closeSync, openSync, readFileSync, readSync, readdirSync, mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { KernelClient } = require("../dist/notebook/client.js");

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 50;

/** Returns the median and 95th percentile of samples, in milliseconds. */
function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), runs: samples.length };
}

async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Returns the resident memory in MiB of a process and of its child processes, from /proc (Linux only).
 * Added up, resident sizes count twice the pages that both processes share, such as the Node.js binary's
 * code. So the proportional set size (Pss, each shared page split between the processes that map it,
 * this benchmark's own process included) is reported beside them, and so is `together`: the physical
 * pages resident in either process, each counted once.
 */
function residentMiB(pid) {
  const field = (id, name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${id}/smaps_rollup`, "utf8"))[1]) / 1024;
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
  );
  const sum = (name) => children.reduce((total, child) => total + field(child, name), 0);
  return {
    kernel: field(pid, "Rss"),
    executor: sum("Rss"),
    proportional: { kernel: field(pid, "Pss"), executor: sum("Pss") },
    together: physicalPagesMiB([pid, ...children]),
  };
}

/**
 * Returns the MiB of physical memory that the processes map and that is resident, each page frame
 * once, from /proc/<pid>/pagemap. Linux shows page frame numbers only to a process with CAP_SYS_ADMIN,
 * so without it this returns a note instead of a figure.
 */
function physicalPagesMiB(pids) {
  const PAGE = 4096;
  const PRESENT = 1n << 63n;
  const FRAME = (1n << 55n) - 1n;
  const frames = new Set();
  let presentPages = 0;
  const entries = Buffer.alloc(8 * 1024);
  for (const pid of pids) {
    const file = openSync(`/proc/${pid}/pagemap`, "r");
    try {
      for (const line of readFileSync(`/proc/${pid}/maps`, "utf8").trim().split("\n")) {
        if (line.endsWith("[vsyscall]")) continue;
        const [start, end] = line.split(" ")[0].split("-").map((hex) => Number.parseInt(hex, 16) / PAGE);
        for (let page = start; page < end; page += entries.length / 8) {
          const count = Math.min(entries.length / 8, end - page);
          const bytes = readSync(file, entries, 0, count * 8, page * 8);
          for (let offset = 0; offset < bytes; offset += 8) {
            const entry = entries.readBigUInt64LE(offset);
            if (!(entry & PRESENT)) continue;
            presentPages++;
            frames.add(entry & FRAME);
          }
        }
      }
    } finally {
      closeSync(file);
    }
  }
  // Every present page reads as frame 0 without CAP_SYS_ADMIN.
  if (presentPages > 0 && frames.size === 1 && frames.has(0n)) return "not measured: reading page frames needs CAP_SYS_ADMIN";
  return (frames.size * PAGE) / 1048576;
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "tskeras-bench-"));
  const results = {};

  // 1. Start-up: from spawning the kernel to its first kernel_info_reply, in fresh kernels.
  const startups = [];
  for (let i = 0; i < 5; i++) {
    let client;
    startups.push(await time(async () => (client = await KernelClient.start({ cwd: folder }))));
    await client.shutdown();
  }
  results.startup = summarise(startups);

  // 2. Round trips on one warm kernel.
  const client = await KernelClient.start({ cwd: folder });
  await client.execute("1 + 1");
  await client.execute('const warm: number = "x";');
  results.memoryAfterStart = residentMiB(client.pid);

  const trivial = [];
  for (let i = 0; i < runs; i++) trivial.push(await time(() => client.execute("1 + 1")));
  results.trivialCellRepeated = summarise(trivial);

  // Each cell differs, so none of them reuses the previous type check.
  const newTrivial = [];
  for (let i = 0; i < runs; i++) newTrivial.push(await time(() => client.execute(`${i} + 1`)));
  results.trivialCellNew = summarise(newTrivial);

  const typeError = [];
  for (let i = 0; i < runs; i++) typeError.push(await time(() => client.execute(`const epochs${i}: number = "50";`)));
  results.typeErrorCell = summarise(typeError);

  // Completion and inspection of a model from an earlier cell; the edited cell changes every time.
  await client.execute("const modelo = new Sequential();\nmodelo.add(new Dense({ units: 4, inputShape: [2] }));");
  const complete = [];
  for (let i = 0; i < runs; i++) {
    const code = `const step${i} = ${i};\nmodelo.`;
    complete.push(await time(() => client.complete(code, code.length)));
  }
  results.completeRequest = summarise(complete);

  const inspect = [];
  for (let i = 0; i < runs; i++) {
    const code = `const step${i} = ${i};\nmodelo.summary()`;
    inspect.push(await time(() => client.inspect(code, code.length - 4, 0)));
  }
  results.inspectRequest = summarise(inspect);

  // A type error in a tutorial's call: fit() with 2D tensors from an earlier cell and a string for epochs.
  await client.execute("const xs = tf.tensor2d([[0, 1], [1, 0]]);\nconst ys = tf.tensor2d([[1, 0, 0, 0], [0, 1, 0, 0]]);");
  const fitError = [];
  for (let i = 0; i < runs; i++) fitError.push(await time(() => client.execute(`modelo.fit(xs, ys, { epochs: "${i}" });`)));
  results.fitTypeErrorCell = summarise(fitError);

  // 3. Memory after 200 cells that declare, use TensorFlow.js and print.
  for (let i = 0; i < 200; i++) {
    await client.execute(`const v${i % 20} = tf.tidy(() => tf.ones([10, 10]).sum().dataSync()[0]);\nconsole.log(v${i % 20});`);
  }
  results.memoryAfter200Cells = residentMiB(client.pid);

  // V8's memory reducer returns the kernel's garbage to the system once the process has been idle
  // for about 12 s. A notebook's kernel is idle most of the time.
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  results.memoryAfter200CellsAtRest = residentMiB(client.pid);

  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  console.log(JSON.stringify(results, (key, value) => (typeof value === "number" ? Math.round(value * 100) / 100 : value), 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
