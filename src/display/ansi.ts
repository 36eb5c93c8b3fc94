/** ANSI escape codes that Jupyter front ends render in tracebacks. */
export const RED = "\u001b[0;31m";
export const BOLD = "\u001b[1m";
export const RESET = "\u001b[0m";

/**
 * Returns a red caret under the 1-based column of a code line, indented as that line is: each tab
 * before the column stays a tab, so the caret lines up however wide the front end draws tabs.
 */
export function caretUnder(line: string, column: number): string {
  const before = line.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
  return `${before}${RED}^${RESET}`;
}
