/** ANSI escape codes that Jupyter front ends render in tracebacks. */
export const RED = "\u001b[0;31m";
export const BOLD = "\u001b[1m";
export const RESET = "\u001b[0m";

/**
 * Returns a red caret under the character at a 1-based column of a code line, in code points (see
 * codePointColumn()). Each tab before it stays a tab, so the caret lines up however wide the front end
 * draws tabs. Each other character becomes as many spaces as the columns a terminal gives it.
 */
export function caretUnder(line: string, column: number): string {
  let before = "";
  for (const character of [...line].slice(0, Math.max(0, column - 1))) before += character === "\t" ? "\t" : " ".repeat(displayWidth(character.codePointAt(0)!));
  return `${before}${RED}^${RESET}`;
}

/**
 * Returns the 1-based column of a line's character at a 1-based UTF-16 column, counted in Unicode code
 * points as Jupyter counts positions: an emoji before it counts once, where UTF-16 counts it twice.
 */
export function codePointColumn(line: string, column: number): number {
  return [...line.slice(0, Math.max(0, column - 1))].length + 1;
}

/**
 * Returns how many columns a terminal draws a code point in: 0 for a combining mark, 2 for the wide
 * characters of East Asian scripts and for emoji, else 1.
 * NOTE: the ranges are the main blocks of Unicode's East Asian Width "W" and "F" classes, not all of them.
 */
function displayWidth(codePoint: number): number {
  if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || codePoint === 0x200d) return 0;
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd);
  return wide ? 2 : 1;
}
