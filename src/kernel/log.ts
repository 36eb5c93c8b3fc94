/** Severity of a log line, from the most verbose. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The kernel's operator log: one line per event on stderr, quiet (warn and above) by default. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Creates a logger that writes lines at or above level; TSKERAS_LOG_LEVEL sets the default. */
export function createLogger(
  level: LogLevel = parseLevel(process.env.TSKERAS_LOG_LEVEL),
  write: (line: string) => void = (line) => process.stderr.write(line + "\n"),
): Logger {
  const emit = (lineLevel: LogLevel, message: string) => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    write(`[tskeras ${new Date().toISOString()} ${lineLevel.toUpperCase()}] ${message}`);
  };
  return {
    debug: (message) => emit("debug", message),
    info: (message) => emit("info", message),
    warn: (message) => emit("warn", message),
    error: (message, error) => {
      const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? "" : ` ${String(error)}`;
      emit("error", message + detail);
    },
  };
}

function parseLevel(value: string | undefined): LogLevel {
  const lower = value?.toLowerCase();
  return lower === "debug" || lower === "info" || lower === "warn" || lower === "error" ? lower : "warn";
}
