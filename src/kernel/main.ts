import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { TYPECHECK_MODES, type TypecheckMode } from "../runtime/ipc";
import { ExecutorHost } from "./executor-host";
import { IdleCollector } from "./idle-collector";
import { TypeScriptInterpreter } from "./interpreter";
import { createLogger, type Logger } from "./log";
import { readConnectionFile } from "./protocol/connection";
import { Signer } from "./protocol/signing";
import { ZmqTransport } from "./protocol/sockets";
import { Session } from "./session";

/** Root of the tskeras package; this file is dist/kernel/main.js. */
const PACKAGE_ROOT = resolve(__dirname, "..", "..");

/** Starts a kernel for the connection file that Jupyter wrote, and runs until shutdown. */
export async function startKernel(connectionFile: string, version: string): Promise<void> {
  const log = createLogger();
  holdHeapNearLiveSize();

  // 1. Bind the five sockets to the connection file's address and ports.
  const info = readConnectionFile(connectionFile);
  const transport = await ZmqTransport.bind(info);
  log.info(`kernel listening on ${info.transport}://${info.ip} (shell port ${info.shell_port})`);
  if (!info.key) log.warn("the connection file has an empty key: messages are not signed");

  // 2. Start the executor at once, so its TensorFlow.js backend is ready when the first cell runs.
  let session: Session | undefined;
  let interpreter: TypeScriptInterpreter | undefined;
  const executor: ExecutorHost = new ExecutorHost(log, (event) => {
    if (event.type === "option") interpreter?.setTypecheck(event.value);
    else if (event.type === "input_request") {
      void session?.requestInput(event.requestId, event.prompt, event.password).then((answer) => executor.replyInput(event.requestId, answer));
    } else session?.publishOutput(event);
  });
  executor.start().catch((error) => log.error("the executor failed to start", error));

  // 3. Serve requests until a shutdown_request.
  interpreter = new TypeScriptInterpreter(executor, {
    version,
    folder: process.cwd(),
    packageRoot: PACKAGE_ROOT,
    typecheck: typecheckMode(process.env.TSKERAS_TYPECHECK, log),
    log,
    publish: (event) => session?.publishOutput(event),
  });
  const idleCollector = new IdleCollector();
  const onShutdown = () => {
    idleCollector.stop();
    void transport.close().then(() => {
      log.info("kernel stopped");
      process.exit(0);
    });
  };
  session = new Session(transport, new Signer(info.key), interpreter, log, onShutdown, () => idleCollector.touch());
  await session.announceStart();

  // Jupyter interrupts by sending SIGINT to the kernel's process group: the executor, in the same
  // group, stops its cell; the kernel process must survive it.
  process.on("SIGINT", () => log.info("SIGINT received"));
  process.on("SIGTERM", () => {
    void executor.shutdown().finally(() => process.exit(0));
  });
}

/**
 * Makes V8 run a full collection once the heap grows 25 % past what the last full collection kept.
 *
 * Each checked cell creates a TypeScript type checker. Before the changes of typescript/load.ts, about
 * 1.4 MB of each reached the old generation, where it stayed as garbage until a full collection. With
 * V8's default growth the kernel's heap then reached 415 MB used over 110 MB live after 200 cells
 * (bench/latency.js), given back only after 8-12 s idle. At 25 % the kernel stays near 280 MiB resident.
 * The executor keeps V8's defaults because it contains the user's data, where fewer collections pay off.
 */
function holdHeapNearLiveSize(): void {
  setFlagsFromString("--heap-growing-percent=25");
  // V8 allocates objects straight in the old generation from allocation sites where most objects
  // survived. Sites in TypeScript's checker then put old objects in front of a cell's young ones, and
  // a young-generation collection kept each cell's checker (bench/README.md).
  setFlagsFromString("--no-allocation-site-pretenuring");
}

/** Reads TSKERAS_TYPECHECK (set by `tskeras install --typecheck`); "error" unless it names another mode. */
function typecheckMode(value: string | undefined, log: Logger): TypecheckMode {
  if (value === undefined || value === "") return "error";
  if ((TYPECHECK_MODES as readonly string[]).includes(value)) return value as TypecheckMode;
  log.warn(`TSKERAS_TYPECHECK="${value}" is not error, warn or off; using error`);
  return "error";
}
