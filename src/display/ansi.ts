/** ANSI escape codes that Jupyter front ends render in tracebacks. */
export const RED = "\u001b[0;31m";
export const BOLD = "\u001b[1m";
export const RESET = "\u001b[0m";
