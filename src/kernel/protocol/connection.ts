import { readFileSync } from "node:fs";
import type { Channel } from "./messages";

/** The connection file that Jupyter writes for a kernel it starts. */
export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
}

/** Reads and validates a connection file; only hmac-sha256 signing is supported, as in every Jupyter client. */
export function readConnectionFile(path: string): ConnectionInfo {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the connection file ${path}: ${(error as Error).message}`);
  }

  const info = { transport: "tcp", signature_scheme: "hmac-sha256", key: "", ...parsed } as ConnectionInfo;
  if (info.transport !== "tcp" && info.transport !== "ipc") {
    throw new Error(`Connection file ${path}: transport "${info.transport}" is not supported; use "tcp" or "ipc".`);
  }
  if (info.signature_scheme !== "hmac-sha256") {
    throw new Error(`Connection file ${path}: signature_scheme "${info.signature_scheme}" is not supported; use "hmac-sha256".`);
  }
  if (typeof info.ip !== "string" || info.ip === "") throw new Error(`Connection file ${path}: "ip" is missing.`);
  for (const port of ["shell_port", "control_port", "stdin_port", "iopub_port", "hb_port"] as const) {
    if (!Number.isInteger(info[port])) throw new Error(`Connection file ${path}: "${port}" must be an integer, got ${info[port]}.`);
  }
  return info;
}

/** Returns the ZeroMQ endpoint of one channel, e.g. tcp://127.0.0.1:53794. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = {
    shell: info.shell_port,
    control: info.control_port,
    stdin: info.stdin_port,
    iopub: info.iopub_port,
    heartbeat: info.hb_port,
  }[channel];
  // ipc endpoints are files named after the ip with the port as suffix, as jupyter_client names them.
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
