// Measures how the kernel behaves under interrupts, crashes and heavy output, over ZeroMQ:
// interrupt latency of a synchronous loop and of an awaited promise (SIGINT to the kernel's process
// group, as Jupyter sends it; median of 20), the time to run a cell after the executor died, and the
// stream lines per second delivered to a client. Run after `npm run build`: node bench/reliability.js
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { KernelClient } = require("../dist/notebook/client.js");

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Time from the interrupt to the cell's reply, for a cell that would otherwise never end. */
async function interruptLatency(client, code) {
  const running = client.execute(code);
  await delay(200);
  const start = process.hrtime.bigint();
  client.signalInterrupt();
  const { reply } = await running;
  if (reply.ename !== "InterruptedError") throw new Error(`expected an interruption, got ${reply.status} ${reply.ename}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "tskeras-reliability-"));
  const client = await KernelClient.start({ cwd: folder });
  await client.execute("let spins = 0;");
  const results = {};

  const sync = [];
  for (let i = 0; i < 20; i++) sync.push(await interruptLatency(client, "while (true) { spins++; }"));
  results.interruptSynchronousLoopMs = median(sync);

  const awaited = [];
  for (let i = 0; i < 20; i++) awaited.push(await interruptLatency(client, "await new Promise((resolve) => setTimeout(resolve, 600_000));"));
  results.interruptAwaitedPromiseMs = median(awaited);

  // From the reply that reports the dead executor to the reply of the next cell, which starts a new one.
  const restarts = [];
  for (let i = 0; i < 5; i++) {
    await client.execute("process.exit(1);");
    const start = process.hrtime.bigint();
    await client.execute("1 + 1");
    restarts.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  results.executorRestartMs = median(restarts);

  // Cells of 1,000 lines each, under the per-cell cap, so every line reaches the client.
  const cells = 20;
  const start = process.hrtime.bigint();
  let lines = 0;
  for (let i = 0; i < cells; i++) {
    const { iopub } = await client.execute('for (let i = 0; i < 1000; i++) console.log("epoch", i, "loss", 0.25);');
    for (const message of iopub) if (message.header.msg_type === "stream") lines += String(message.content.text).split("\n").length - 1;
  }
  results.streamLinesPerSecond = Math.round(lines / (Number(process.hrtime.bigint() - start) / 1e9));

  await client.shutdown();
  rmSync(folder, { recursive: true, force: true });
  console.log(JSON.stringify(results, (key, value) => (typeof value === "number" ? Math.round(value * 10) / 10 : value), 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
