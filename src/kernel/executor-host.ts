import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { RED, RESET } from "../display/ansi";
import { messages } from "../i18n";
import type { CommEnvelope, CompiledCell, ExecutorEvent, ExecutorRequest } from "../runtime/ipc";
import type { Logger } from "./log";

type DoneEvent = Extract<ExecutorEvent, { type: "done" }>;

/** ename of the error that ends a cell whose executor process ended, taking the variables with it. */
export const EXECUTOR_DIED = "ExecutorDied";
type OutputEvent = Exclude<ExecutorEvent, { type: "done" } | { type: "ready" }>;

/**
 * The compiled entry point of the executor process. This file sits two levels below the package root
 * both as dist/kernel/executor-host.js and as src/kernel/executor-host.ts under jest.
 */
const EXECUTOR_ENTRY = join(__dirname, "..", "..", "dist", "runtime", "executor.js");

/**
 * Starts the executor process and exchanges requests and events with it. When the executor dies,
 * the cell it was running ends with an error stating that the variables were lost, and the next
 * request starts a fresh executor.
 */
export class ExecutorHost {
  private child: ChildProcess | undefined;
  private ready: Promise<string> | undefined;
  private running: { requestId: string; finish: (done: DoneEvent) => void } | undefined;
  private stopping = false;

  constructor(
    private readonly log: Logger,
    private readonly onOutput: (event: OutputEvent) => void,
    private readonly cwd: string = process.cwd(),
  ) {}

  /** Starts the executor if needed and resolves with the name of its TensorFlow.js backend. */
  start(): Promise<string> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  /** Runs a compiled cell; resolves when it has finished, failed, or its executor died. */
  async execute(requestId: string, cell: CompiledCell): Promise<DoneEvent> {
    await this.start();
    return new Promise((finish) => {
      this.running = { requestId, finish };
      this.request({ type: "execute", requestId, cell });
    });
  }

  /** Interrupts the running cell the way Jupyter's signal interrupt does. */
  interrupt(): void {
    if (this.child?.pid) this.child.kill("SIGINT");
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    this.request({ type: "shutdown" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<string> {
    const child = fork(EXECUTOR_ENTRY, [], {
      cwd: this.cwd,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
      execArgv: [...process.execArgv, ...executorHeapLimit(process.env.TSKERAS_EXECUTOR_HEAP_MB, this.log)],
    });
    this.child = child;
    this.log.info(`executor started, pid ${child.pid}`);

    return new Promise((resolve, reject) => {
      child.on("message", (event: ExecutorEvent) => {
        if (event.type === "ready") {
          for (const warning of event.warnings) this.log.warn(warning);
          this.log.info(`executor ready, TensorFlow.js backend ${event.backend}`);
          resolve(event.backend);
        } else if (event.type === "done") {
          const running = this.running;
          if (running?.requestId !== event.requestId) return;
          this.running = undefined;
          running.finish(event);
        } else {
          this.onOutput(event);
        }
      });
      child.on("exit", (code, signal) => {
        const reason = signal ? `signal ${signal}` : `exit code ${code}`;
        if (this.stopping) return;
        this.log.error(`executor pid ${child.pid} ended with ${reason}`);
        reject(new Error(`the executor ended with ${reason} before it was ready`));
        this.failRunningCell(reason);
        // The next request starts a fresh executor.
        this.ready = undefined;
        this.child = undefined;
      });
    });
  }

  private failRunningCell(reason: string): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    const evalue = messages().kernel.executorDied(reason);
    running.finish({
      type: "done",
      requestId: running.requestId,
      error: { ename: EXECUTOR_DIED, evalue, traceback: [`${RED}${EXECUTOR_DIED}${RESET}: ${evalue}`] },
    });
  }

  /** Passes a comm message from the front end to the executor, starting it if needed. */
  forwardComm(envelope: CommEnvelope): void {
    void this.start().then(() => this.request(envelope));
  }

  /** Passes the front end's answer to input(), or the reason there is none, to the waiting cell. */
  replyInput(requestId: string, answer: { value?: string; error?: string }): void {
    this.request({ type: "input_reply", requestId, ...answer });
  }

  private request(request: ExecutorRequest): void {
    this.child?.send(request);
  }
}

/**
 * Node options that cap the executor's JavaScript heap at TSKERAS_EXECUTOR_HEAP_MB, so one notebook
 * on a shared workshop server cannot take all the memory; a cell that needs more ends the executor,
 * and the kernel reports it. Without the variable, Node's own limit applies.
 */
function executorHeapLimit(value: string | undefined, log: Logger): string[] {
  if (value === undefined || value === "") return [];
  const megabytes = Number(value);
  if (!Number.isInteger(megabytes) || megabytes < 64) {
    log.warn(`TSKERAS_EXECUTOR_HEAP_MB="${value}" is not a whole number of at least 64; the executor's heap is not capped`);
    return [];
  }
  return [`--max-old-space-size=${megabytes}`];
}
