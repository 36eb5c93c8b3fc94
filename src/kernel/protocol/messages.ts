/** Version of the Jupyter messaging protocol this kernel speaks. */
export const PROTOCOL_VERSION = "5.4";

/** The five sockets of a Jupyter kernel. */
export type Channel = "shell" | "control" | "stdin" | "iopub" | "heartbeat";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded Jupyter message; content stays untyped until a handler narrows it by msg_type. */
export interface Message<Content = Record<string, unknown>> {
  /** ZeroMQ routing identities that precede the delimiter; replies go back with the same ones. */
  identities: Buffer[];
  header: Header;
  /** The header of the request this message answers, or {} when it answers none. */
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

export interface ExecuteRequest {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, string>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}

/** Validates an execute_request's content, naming the property at fault, and fills the spec's defaults. */
export function parseExecuteRequest(content: Record<string, unknown>): ExecuteRequest {
  if (typeof content.code !== "string") {
    throw new TypeError(`execute_request content.code must be a string, got ${typeof content.code}`);
  }
  const silent = content.silent === true;
  return {
    code: content.code,
    silent,
    // The spec makes store_history false whenever silent is true.
    store_history: silent ? false : content.store_history !== false,
    user_expressions: isRecord(content.user_expressions) ? (content.user_expressions as Record<string, string>) : {},
    allow_stdin: content.allow_stdin !== false,
    stop_on_error: content.stop_on_error !== false,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
