/**
 * Session number this kernel reports for its cells. The kernel keeps no history across restarts, so
 * its only session is the current one; a range request for session 0, which means "the current
 * session" in IPython's numbering, gets the same cells.
 */
export const CURRENT_SESSION = 1;

/** One cell in the history: its execution count, code and, once it ran, the text of its result. */
interface HistoryCell {
  line: number;
  input: string;
  output?: string;
}

/** A history_request's content with the spec's defaults filled in. */
export type HistoryRequest =
  | { kind: "tail"; n: number; output: boolean }
  | { kind: "range"; session: number; start: number; stop?: number; output: boolean }
  | { kind: "search"; pattern: string; n?: number; unique: boolean; output: boolean };

/** An entry of history_reply: [session, line, input] or, with output, [session, line, [input, output]]. */
export type HistoryEntry = [number, number, string | [string, string | null]];

/** Validates a history_request's content, naming the property at fault. Raises TypeError. */
export function parseHistoryRequest(content: Record<string, unknown>): HistoryRequest {
  const output = content.output === true;
  const integer = (name: string, fallback?: number): number | undefined => {
    const value = content[name] ?? fallback;
    if (value === undefined || value === null) return undefined;
    if (!Number.isInteger(value)) throw new TypeError(`history_request content.${name} must be an integer, got ${JSON.stringify(value)}`);
    return value as number;
  };

  switch (content.hist_access_type) {
    case "tail":
      return { kind: "tail", n: integer("n", 10)!, output };
    case "range":
      return { kind: "range", session: integer("session", 0)!, start: integer("start", 1)!, stop: integer("stop"), output };
    case "search":
      if (typeof content.pattern !== "string") throw new TypeError(`history_request content.pattern must be a string, got ${typeof content.pattern}`);
      return { kind: "search", pattern: content.pattern, n: integer("n"), unique: content.unique === true, output };
    default:
      throw new TypeError(`history_request content.hist_access_type must be "tail", "range" or "search", got ${JSON.stringify(content.hist_access_type)}`);
  }
}

/** The cells run in this session with store_history, for history requests. */
export class CellHistory {
  private readonly cells: HistoryCell[] = [];

  record(line: number, input: string): void {
    this.cells.push({ line, input });
  }

  /** Attaches the text form of a cell's result to its entry. */
  recordOutput(line: number, result: Record<string, unknown> | undefined): void {
    const text = result?.["text/plain"];
    if (typeof text !== "string") return;
    // The cell is usually the last one recorded, so the search starts from the end.
    for (let index = this.cells.length - 1; index >= 0; index--) {
      if (this.cells[index].line !== line) continue;
      this.cells[index].output = text;
      return;
    }
  }

  query(request: HistoryRequest): HistoryEntry[] {
    let cells: HistoryCell[];
    switch (request.kind) {
      case "tail":
        cells = request.n > 0 ? this.cells.slice(-request.n) : [];
        break;
      case "range": {
        const current = request.session === 0 || request.session === CURRENT_SESSION;
        // stop is exclusive, as in IPython's history manager.
        cells = current ? this.cells.filter((cell) => cell.line >= request.start && (request.stop === undefined || cell.line < request.stop)) : [];
        break;
      }
      case "search": {
        const matcher = globToRegExp(request.pattern);
        cells = this.cells.filter((cell) => matcher.test(cell.input));
        // With unique, only the latest run of each input is kept.
        if (request.unique) cells = cells.filter((cell, index) => !cells.slice(index + 1).some((later) => later.input === cell.input));
        if (request.n !== undefined) cells = request.n > 0 ? cells.slice(-request.n) : [];
        break;
      }
    }
    return cells.map((cell) => [CURRENT_SESSION, cell.line, request.output ? [cell.input, cell.output ?? null] : cell.input]);
  }
}

/** Translates a shell-style pattern (`*` any text, `?` one character) that must match the whole input. */
function globToRegExp(pattern: string): RegExp {
  const parts = [...pattern].map((char) => {
    if (char === "*") return "[\\s\\S]*";
    if (char === "?") return "[\\s\\S]";
    return char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  });
  const body = parts.join("");
  return new RegExp(`^${body}$`);
}
