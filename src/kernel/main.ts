import { ExecutorHost } from "./executor-host";
import { TypeScriptInterpreter } from "./interpreter";
import { createLogger } from "./log";
import { readConnectionFile } from "./protocol/connection";
import { Signer } from "./protocol/signing";
import { ZmqTransport } from "./protocol/sockets";
import { Session } from "./session";

/** Starts a kernel for the connection file that Jupyter wrote, and runs until shutdown. */
export async function startKernel(connectionFile: string, version: string): Promise<void> {
  const log = createLogger();

  // 1. Bind the five sockets where the connection file says.
  const info = readConnectionFile(connectionFile);
  const transport = await ZmqTransport.bind(info);
  log.info(`kernel listening on ${info.transport}://${info.ip} (shell port ${info.shell_port})`);
  if (!info.key) log.warn("the connection file has an empty key: messages are not signed");

  // 2. Start the executor at once, so its TensorFlow.js backend is ready when the first cell runs.
  let session: Session | undefined;
  const executor = new ExecutorHost(log, (event) => session?.publishOutput(event));
  executor.start().catch((error) => log.error("the executor failed to start", error));

  // 3. Serve requests until a shutdown_request.
  const interpreter = new TypeScriptInterpreter(executor, version);
  session = new Session(transport, new Signer(info.key), interpreter, log, () => {
    void transport.close().then(() => {
      log.info("kernel stopped");
      process.exit(0);
    });
  });
  await session.announceStart();

  // Jupyter interrupts by sending SIGINT to the kernel's process group: the executor, in the same
  // group, stops its cell; the kernel process must survive it.
  process.on("SIGINT", () => log.info("SIGINT received"));
  process.on("SIGTERM", () => {
    void executor.shutdown().finally(() => process.exit(0));
  });
}
